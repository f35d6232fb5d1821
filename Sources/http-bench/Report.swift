import Foundation

/// Running wrk and reading its `Requests/sec:` line.
enum Wrk {
    static func run(
        _ wrk: String,
        port: UInt16,
        connections: Int,
        duration: Int,
        extraArguments: [String]
    ) throws -> Double {
        let arguments =
            ["-t1", "-c\(connections)", "-d\(duration)s"] + extraArguments
            + ["http://127.0.0.1:\(port)/plaintext"]
        let output = try Tools.run(wrk, arguments)
        guard
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }
            ),
            let rate = Double(line.split(separator: " ").last ?? "")
        else { throw BenchError(description: "no Requests/sec in wrk's output:\n\(output)") }
        if let errors = output.split(separator: "\n").first(where: { $0.contains("Socket errors") })
        {
            print("    wrk: \(errors.trimmingCharacters(in: .whitespaces))")
        }
        return rate
    }
}

/// The final table: medians and ratios.
enum Report {
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// One line per workload: the reference's median, then each of our servers' median
    /// and its ratio to the reference.
    static func table(
        _ names: [String],
        servers: [String],
        _ results: [String: [String: [Double]]]
    ) -> String {
        let header =
            "workload".padding(toLength: 26, withPad: " ", startingAt: 0) + "   cserver req/s"
            + servers.map {
                "   \($0.padding(toLength: 8, withPad: " ", startingAt: 0)) req/s  ratio"
            }
            .joined()
        var lines = [header, String(repeating: "-", count: header.count)]
        for name in names {
            guard let result = results[name] else { continue }
            let reference = median(result["cserver"] ?? [])
            var line =
                name.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(format: "   %13.0f", reference)
            for server in servers {
                let ours = median(result[server] ?? [])
                line += String(
                    format: "   %14.0f  %4.2fx",
                    ours,
                    reference > 0 ? ours / reference : 0
                )
            }
            lines.append(line)
        }
        lines.append("goal: ratio >= 0.50 (medians of the rounds)")
        return lines.joined(separator: "\n")
    }
}
