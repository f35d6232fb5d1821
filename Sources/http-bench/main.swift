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
        .init("--loops", "N", "event loops for http-server (default: one per core)"),
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

do {
    let wrk = try options.value("--wrk") ?? Tools.find("wrk")
    let reference = try ReferenceServer.start()
    defer { reference.stop() }
    var serverArguments = ["--port", "0"]
    if let loops = options.value("--loops") { serverArguments += ["--loops", loops] }
    let ours = try OurServer.start(arguments: serverArguments)
    defer { ours.stop() }
    print("reference: cserver on port \(reference.port); ours: http-server on port \(ours.port)")
    print(
        "wrk -t1, \(duration) s per run, \(rounds) interleaved rounds; both servers and wrk share the cores"
    )

    var results: [String: (reference: [Double], ours: [Double])] = [:]
    for round in 1...rounds {
        for workload in workloads {
            let targets = [("reference", reference.port), ("ours", ours.port)]
            for (label, port) in round % 2 == 1 ? targets : targets.reversed() {
                let rate = try Wrk.run(
                    wrk,
                    port: port,
                    connections: workload.connections,
                    duration: duration,
                    extraArguments: workload.extraArguments
                )
                if label == "reference" {
                    results[workload.name, default: ([], [])].reference.append(rate)
                } else {
                    results[workload.name, default: ([], [])].ours.append(rate)
                }
                print("  round \(round) \(workload.name) \(label): \(Int(rate)) req/s")
            }
        }
    }
    print("")
    print(Report.table(workloads.map(\.name), results))
} catch {
    printToStandardError("http-bench: \(error)")
    exit(1)
}
