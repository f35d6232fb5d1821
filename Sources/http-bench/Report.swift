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

    static func table(_ names: [String], _ results: [String: (reference: [Double], ours: [Double])])
        -> String
    {
        var lines = [
            "workload                      cserver req/s   http-server req/s   ratio (goal >= 0.50)",
            String(repeating: "-", count: 86),
        ]
        for name in names {
            guard let result = results[name] else { continue }
            let reference = median(result.reference)
            let ours = median(result.ours)
            let ratio = reference > 0 ? ours / reference : 0
            lines.append(
                name.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(format: "%13.0f   %17.0f   %5.2fx", reference, ours, ratio)
            )
        }
        return lines.joined(separator: "\n")
    }
}
