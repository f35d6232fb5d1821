// http-bench: measures http-server's /plaintext against the C reference server with wrk,
// in the same run, and prints the ratio.
// Try it:   Scripts/bench-http.sh                    (builds in release mode, then runs this)
//           .build-release/release/http-bench --rounds 3 --duration 5
// Needs:    wrk and gcc; Benchmarks/reference/cserver.c (run from the repository root).
//
// The machine is shared and noisy, so absolute figures move from run to run; a ratio
// against a reference measured seconds apart holds. Each round runs every workload
// against both servers, alternating which goes first; the table shows medians.

import DemoSupport
import Foundation
import Sockets

let command = DemoCommand(
    name: "http-bench",
    summary: "wrk against http-server and the C reference server; prints req/s and ratios",
    defaultPort: nil,
    options: [
        .init("--rounds", "N", "interleaved rounds (default 3)"),
        .init("--duration", "S", "seconds per wrk run (default 5)"),
        .init("--loops", "LIST", "loop counts for http-server, such as 1,2 (default: 1 and cores)"),
        .init("--wrk", "PATH", "the wrk executable (default: found on PATH)"),
    ],
    examples: ["Scripts/bench-http.sh", "http-bench --rounds 5 --duration 10 --loops 1"]
)
let options = command.parse()
let rounds = options.integer("--rounds", default: 3)
let duration = options.integer("--duration", default: 5)

/// One wrk configuration.
struct Workload {
    let name: String
    let connections: Int
    let extraArguments: [String]
}

let workloads = [
    Workload(name: "keep-alive, -c50", connections: 50, extraArguments: []),
    Workload(name: "keep-alive, -c256", connections: 256, extraArguments: []),
    Workload(
        name: "Connection: close, -c50",
        connections: 50,
        extraArguments: ["-H", "Connection: close"]
    ),
]

/// The loop counts to measure: `--loops 1,2`, or by default one loop and one per core.
let loopCounts: [Int] = {
    if let text = options.value("--loops") {
        return text.split(separator: ",").compactMap { Int($0) }
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    return cores > 1 ? [1, cores] : [1]
}()

do {
    let wrk = try options.value("--wrk") ?? Tools.find("wrk")
    let reference = try ReferenceServer.start()
    defer { reference.stop() }
    var targets = [(label: "cserver", port: reference.port)]
    var servers: [OurServer] = []
    defer { for server in servers { server.stop() } }
    for loops in loopCounts {
        let server = try OurServer.start(arguments: ["--port", "0", "--loops", "\(loops)"])
        servers.append(server)
        targets.append((label: "\(loops) loop" + (loops == 1 ? "" : "s"), port: server.port))
    }
    print("servers: " + targets.map { "\($0.label) on port \($0.port)" }.joined(separator: ", "))
    print(
        "wrk -t1, \(duration) s per run, \(rounds) interleaved rounds; "
            + "the servers and wrk share the machine's cores"
    )

    var results: [String: [String: [Double]]] = [:]
    for round in 1...rounds {
        for workload in workloads {
            // Alternate the order each round, so no server always runs on a warmer machine.
            for target in round % 2 == 1 ? targets : targets.reversed() {
                let rate = try Wrk.run(
                    wrk,
                    port: target.port,
                    connections: workload.connections,
                    duration: duration,
                    extraArguments: workload.extraArguments
                )
                results[workload.name, default: [:]][target.label, default: []].append(rate)
                print("  round \(round) \(workload.name) \(target.label): \(Int(rate)) req/s")
            }
        }
    }
    print("")
    print(Report.table(workloads.map(\.name), servers: targets.dropFirst().map(\.label), results))
} catch {
    printToStandardError("http-bench: \(error)")
    exit(1)
}
