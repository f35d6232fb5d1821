// msgpack-bench: encodes and decodes Socket.IO-like packets with the MessagePack module and
// with the JSON module, in the same run, and prints operations per second, the size of
// each encoding, and the ratio MessagePack / JSON.
// Try it:   swift run -c release msgpack-bench
//           swift run -c release msgpack-bench --rounds 5 --milliseconds 1000
//
// Each round measures every operation with MessagePack and with JSON, one right after the
// other (alternating who goes first); the table shows medians of the rounds, and the
// lowest and highest ratio of a single round. The machine is shared and noisy: ratios
// measured a moment apart hold better than absolute figures.
// Never run this in debug mode: the figures would mean nothing.

import DemoSupport
import Foundation
import JSON
import MessagePack

let command = DemoCommand(
    name: "msgpack-bench",
    summary: "MessagePack against JSON: encode and decode Socket.IO-like packets, in ops/s",
    defaultPort: nil,
    options: [
        .init("--rounds", "N", "rounds; the table shows medians (default 3)"),
        .init("--milliseconds", "MS", "time per measurement (default 500)"),
    ],
    examples: [
        "swift run -c release msgpack-bench", "msgpack-bench --rounds 5 --milliseconds 1000",
    ]
)
let options = command.parse()
let rounds = max(1, options.integer("--rounds", default: 3))
let duration = Duration.milliseconds(max(10, options.integer("--milliseconds", default: 500)))

/// One operation measured both ways.
struct Operation {
    let payload: Payload
    let name: String
    let messagePack: () throws -> Int
    let json: () throws -> Int
}

/// Why the benchmark could not run.
struct Disagreement: Error, CustomStringConvertible {
    let payload: String
    var description: String { "MessagePack does not round-trip \(payload)" }
}

func operations(_ payload: Payload) throws -> [Operation] {
    guard try MessagePackValue(decoding: payload.messagePack) == payload.messagePackValue else {
        throw Disagreement(payload: payload.name)
    }
    return [
        Operation(
            payload: payload,
            name: "decode",
            messagePack: { try MessagePackValue(decoding: payload.messagePack).isNil ? 0 : 1 },
            json: { try JSONValue(parsing: payload.json).isNull ? 0 : 1 }
        ),
        Operation(
            payload: payload,
            name: "encode",
            messagePack: { payload.messagePackValue.encoded().count },
            json: { payload.jsonValue.serialized().count }
        ),
    ]
}

do {
    let payloads = [
        try Payload("Socket.IO chat event", json: eventText),
        try Payload("event with 200 users", json: rosterText()),
        try Payload("event with 50 readings", json: readingsText()),
    ]
    let all = try payloads.flatMap(operations)
    printFlushed("msgpack-bench: \(rounds) rounds of \(duration) per measurement (medians)")
    var checksum = 0
    var ours = Array(repeating: [Double](), count: all.count)
    var theirs = Array(repeating: [Double](), count: all.count)
    for round in 1...rounds {
        for (index, operation) in all.enumerated() {
            let messagePackFirst = round % 2 == 1
            if messagePackFirst {
                ours[index].append(
                    try operationsPerSecond(
                        for: duration,
                        checksum: &checksum,
                        operation.messagePack
                    )
                )
            }
            theirs[index].append(
                try operationsPerSecond(for: duration, checksum: &checksum, operation.json)
            )
            if !messagePackFirst {
                ours[index].append(
                    try operationsPerSecond(
                        for: duration,
                        checksum: &checksum,
                        operation.messagePack
                    )
                )
            }
        }
        printFlushed("  round \(round) of \(rounds) done")
    }

    printFlushed("")
    printFlushed(
        padded("payload", 24) + padded("msgpack B", 10, right: true)
            + padded("JSON B", 8, right: true) + "  " + padded("op", 7)
            + padded("msgpack ops/s", 14, right: true) + padded("MB/s", 6, right: true)
            + padded("JSON ops/s", 12, right: true) + padded("MB/s", 6, right: true)
            + padded("ratio", 8, right: true) + padded("per round", 13, right: true)
    )
    for (index, operation) in all.enumerated() {
        let messagePack = median(ours[index])
        let json = median(theirs[index])
        let perRound = zip(ours[index], theirs[index]).map { $0 / $1 }
        let range = fixed(perRound.min() ?? 0) + "–" + fixed(perRound.max() ?? 0)
        let payload = operation.payload
        printFlushed(
            padded(payload.name, 24) + padded("\(payload.messagePack.count)", 10, right: true)
                + padded("\(payload.json.count)", 8, right: true) + "  "
                + padded(operation.name, 7) + padded(grouped(messagePack), 14, right: true)
                + padded(megabytes(messagePack, payload.messagePack.count), 6, right: true)
                + padded(grouped(json), 12, right: true)
                + padded(megabytes(json, payload.json.count), 6, right: true)
                + padded(fixed(messagePack / json) + "×", 8, right: true)
                + padded(range, 13, right: true)
        )
    }
    printFlushed("")
    printFlushed("ratio: MessagePack ops/s ÷ JSON ops/s (above 1: MessagePack is faster)")
    printFlushed("(checksum \(checksum), printed so that the work cannot be optimized away)")
} catch {
    printToStandardError("msgpack-bench: \(error)\n")
    exit(1)
}

/// `value` with two decimals, without Foundation's `String(format:)`.
func fixed(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

/// Megabytes per second of input, for `rate` operations per second on `size` bytes.
func megabytes(_ rate: Double, _ size: Int) -> String {
    String(Int((rate * Double(size) / 1e6).rounded()))
}
