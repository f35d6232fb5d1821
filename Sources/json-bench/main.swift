// json-bench: parses and writes realistic payloads with the JSON module and with
// Foundation (JSONSerialization, JSONDecoder, JSONEncoder), in the same run, and prints
// operations per second and the ratio ours / Foundation.
// Try it:   swift run -c release json-bench
//           swift run -c release json-bench --rounds 5 --milliseconds 1000
// Chapter:  Tutorials/12-engine-io/README.md (JSON, the format every packet carries)
//
// The machine is shared and noisy, so absolute figures move from run to run; ratios
// measured a moment apart hold better. Each round measures every operation with ours and
// with Foundation's, one right after the other; the table shows medians of the rounds,
// MB/s of JSON text for ours, the ratio ours / Foundation of the medians, and the lowest
// and highest ratio of a single round.
// Never run this in debug mode: the figures would mean nothing.

import DemoSupport
import Foundation
import JSON

let command = DemoCommand(
    name: "json-bench",
    summary: "JSON parse, write, decode and encode: ours against Foundation's, in ops/s",
    defaultPort: nil,
    options: [
        .init("--rounds", "N", "rounds; the table shows medians (default 3)"),
        .init("--milliseconds", "MS", "time per measurement (default 500)"),
        .init("--only", "TEXT", "only the operations whose payload or name contains TEXT"),
        .init("--profile", "SIDE", "run only `ours` or `foundation`, for perf; no table"),
    ],
    examples: ["swift run -c release json-bench", "json-bench --rounds 5 --milliseconds 1000"]
)
let options = command.parse()
let rounds = max(1, options.integer("--rounds", default: 3))
let duration = Duration.milliseconds(max(10, options.integer("--milliseconds", default: 500)))

/// Why the benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case disagreement(String)
    case notJSONObject(String)

    var description: String {
        switch self {
        case .disagreement(let name): "ours and Foundation's decode \(name) differently"
        case .notJSONObject(let name): "JSONSerialization could not write \(name)"
        }
    }
}

/// One operation measured both ways.
struct Operation {
    let payload: String
    let size: Int
    let name: String
    let ours: () throws -> Int
    let foundation: () throws -> Int
}

/// The four operations on one payload, after checking that both sides agree on it.
func operations<Model: Codable & Equatable>(
    _ name: String,
    _ text: String,
    as model: Model.Type
) throws -> [Operation] {
    let bytes = Array(text.utf8)
    let data = Data(bytes)
    let value = try JSONValue(parsing: bytes)
    let ours = try value.decode(Model.self)
    guard try JSONDecoder().decode(Model.self, from: data) == ours else {
        throw BenchError.disagreement(name)
    }
    let object = try JSONSerialization.jsonObject(with: data)
    guard JSONSerialization.isValidJSONObject(object) else { throw BenchError.notJSONObject(name) }
    let decoder = JSONDecoder()
    let encoder = JSONEncoder()
    func operation(
        _ label: String,
        _ ours: @escaping () throws -> Int,
        _ theirs: @escaping () throws -> Int
    )
        -> Operation
    {
        Operation(payload: name, size: bytes.count, name: label, ours: ours, foundation: theirs)
    }
    return [
        operation(
            "parse",
            { try JSONValue(parsing: bytes).serializedCountHint },
            { try JSONSerialization.jsonObject(with: data) is NSNull ? 0 : 1 }
        ),
        operation(
            "write",
            { value.serialized().count },
            { try JSONSerialization.data(withJSONObject: object).count }
        ),
        operation(
            "decode (Codable)",
            { try JSONValue(parsing: bytes).decode(Model.self) == ours ? 1 : 0 },
            { try decoder.decode(Model.self, from: data) == ours ? 1 : 0 }
        ),
        operation(
            "encode (Codable)",
            { try JSONValue(encoding: ours).serialized().count },
            { try encoder.encode(ours).count }
        ),
    ]
}

extension JSONValue {
    /// A cheap number that depends on the parsed value, so the parse cannot be skipped.
    fileprivate var serializedCountHint: Int {
        switch self {
        case .array(let elements): elements.count
        case .object(let object): object.count
        default: 1
        }
    }
}

do {
    let every =
        try operations("Engine.IO open packet", handshakeText, as: Handshake.self)
        + operations("Socket.IO event", eventText, as: ChatEvent.self)
        + operations("64 KiB array of objects", usersText(), as: [User].self)
        + operations("string-heavy document", articlesText(), as: [Article].self)
    let only = options.value("--only")
    let all = every.filter { only == nil || "\($0.payload) \($0.name)".contains(only ?? "") }

    var checksum = 0
    if let side = options.value("--profile") {
        for operation in all {
            let body = side == "ours" ? operation.ours : operation.foundation
            let rate = try operationsPerSecond(for: duration, checksum: &checksum, body)
            printFlushed("\(operation.payload), \(operation.name), \(side): \(grouped(rate)) ops/s")
        }
        exit(0)
    }
    printFlushed("json-bench: \(rounds) rounds of \(duration) per measurement (medians)")
    var ours = Array(repeating: [Double](), count: all.count)
    var theirs = Array(repeating: [Double](), count: all.count)
    for round in 1...rounds {
        for (index, operation) in all.enumerated() {
            // Alternate who goes first, so neither always meets a warmer cache.
            if round % 2 == 1 {
                ours[index].append(
                    try operationsPerSecond(for: duration, checksum: &checksum, operation.ours)
                )
                theirs[index].append(
                    try operationsPerSecond(
                        for: duration,
                        checksum: &checksum,
                        operation.foundation
                    )
                )
            } else {
                theirs[index].append(
                    try operationsPerSecond(
                        for: duration,
                        checksum: &checksum,
                        operation.foundation
                    )
                )
                ours[index].append(
                    try operationsPerSecond(for: duration, checksum: &checksum, operation.ours)
                )
            }
        }
        printFlushed("  round \(round) of \(rounds) done")
    }

    printFlushed("")
    printFlushed(
        padded("payload", 24) + padded("bytes", 7, right: true) + "  " + padded("operation", 17)
            + padded("ours ops/s", 12, right: true) + padded("MB/s", 7, right: true)
            + padded("Foundation", 12, right: true) + padded("ratio", 9, right: true)
            + padded("per round", 15, right: true)
    )
    for (index, operation) in all.enumerated() {
        let mine = median(ours[index])
        let foundation = median(theirs[index])
        let perRound = zip(ours[index], theirs[index]).map { $0 / $1 }
        let range =
            String(format: "%.2f", perRound.min() ?? 0) + "–"
            + String(format: "%.2f", perRound.max() ?? 0)
        let megabytes = String(format: "%.0f", mine * Double(operation.size) / 1e6)
        printFlushed(
            padded(operation.payload, 24) + padded("\(operation.size)", 7, right: true) + "  "
                + padded(operation.name, 17) + padded(grouped(mine), 12, right: true)
                + padded(megabytes, 7, right: true) + padded(grouped(foundation), 12, right: true)
                + padded(String(format: "%.2f×", mine / foundation), 9, right: true)
                + padded(range, 15, right: true)
        )
    }
    printFlushed("")
    printFlushed("(checksum \(checksum), printed so that the work cannot be optimized away)")
} catch {
    printToStandardError("json-bench: \(error)\n")
    exit(1)
}
