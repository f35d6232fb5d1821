// swift-tools-version: 6.1
//
// The course's exercises: a package of its own, so the root package's `swift test` never
// runs them and stays green while every starter fails. It depends on the root package by
// path and uses its reference layers: an exercise about chapter 6 imports the finished
// Sockets module, so a learner stuck in chapter 4 can still do it.
//
// Each exercise is two targets: `E0302` (the code the learner writes) and `E0302Tests`
// (the tests that grade it). Grade them with `swift run grade` from the repository root.

import PackageDescription

/// Swift 6 language mode with strict concurrency, as in the root package.
let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

/// One exercise: its starter module and its graded tests, under `folder`.
///
/// - Parameters:
///   - folder: The exercise's folder, such as `03-tcp-server/E0302-accept-loop`.
///   - code: The exercise's code, such as `E0302`; it names both targets.
///   - layers: The root package's products the exercise builds on.
///   - support: Support targets of this package beyond `ExerciseSupport`.
/// - Returns: The two targets.
func exercise(
    _ folder: String,
    _ code: String,
    uses layers: [String],
    support: [Target.Dependency] = []
) -> [Target] {
    let stack = layers.map { Target.Dependency.product(name: $0, package: "SocketLadder") }
    let helpers: [Target.Dependency] = ["ExerciseSupport"] + support
    return [
        .target(
            name: code,
            dependencies: stack + helpers,
            path: "\(folder)/Sources/\(code)",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "\(code)Tests",
            dependencies: stack + [.target(name: code)] + helpers,
            path: "\(folder)/Tests/\(code)Tests",
            swiftSettings: strictSwift
        ),
    ]
}

let package = Package(
    name: "Exercises",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "SocketLadder", path: "..")
    ],
    targets: [
        // What every exercise shares: the `Unimplemented` error and test helpers.
        .target(name: "CExerciseSupport", path: "Support/CExerciseSupport"),
        .target(
            name: "ExerciseSupport",
            dependencies: [
                "CExerciseSupport",
                .product(name: "Libc", package: "SocketLadder"),
                .product(name: "SystemCalls", package: "SocketLadder"),
                .product(name: "Sockets", package: "SocketLadder"),
            ],
            path: "Support/ExerciseSupport",
            swiftSettings: strictSwift
        ),
        // What the HTTP exercises share: the byte tables, the input buffer, the reference
        // head scanner and field parser, and curl.
        .target(
            name: "HTTPExerciseSupport",
            dependencies: [
                "ExerciseSupport",
                .product(name: "SystemCalls", package: "SocketLadder"),
                .product(name: "Sockets", package: "SocketLadder"),
                .product(name: "HTTP", package: "SocketLadder"),
            ],
            path: "Support/HTTPExerciseSupport",
            swiftSettings: strictSwift
        ),
        // What the WebSocket exercises share: a frame reader on the library's parser, the
        // library's echo server, hex digests.
        .target(
            name: "WebSocketExerciseSupport",
            dependencies: [
                "ExerciseSupport",
                .product(name: "Sockets", package: "SocketLadder"),
                .product(name: "EventLoop", package: "SocketLadder"),
                .product(name: "WebSockets", package: "SocketLadder"),
            ],
            path: "Support/WebSocketExerciseSupport",
            swiftSettings: strictSwift
        ),
        // What the Engine.IO exercises share: the library's echo server on loopback running
        // the learner's part, raw requests, an Engine.IO client's recorder. No codec,
        // heartbeat or dance of its own: an exercise must not find one here to call.
        .target(
            name: "EngineIOExerciseSupport",
            dependencies: [
                "ExerciseSupport",
                .product(name: "Sockets", package: "SocketLadder"),
                .product(name: "EventLoop", package: "SocketLadder"),
                .product(name: "HTTP", package: "SocketLadder"),
                .product(name: "WebSockets", package: "SocketLadder"),
                .product(name: "EngineIO", package: "SocketLadder"),
            ],
            path: "Support/EngineIOExerciseSupport",
            swiftSettings: strictSwift
        ),
    ]
        + exercise(
            "01-descriptors-and-errno/E0101-retrying-on-interrupt",
            "E0101",
            uses: ["Libc", "SystemCalls"]
        )
        + exercise(
            "01-descriptors-and-errno/E0102-would-block-as-value",
            "E0102",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise(
            "02-addresses-and-byte-order/E0201-split-host-and-port",
            "E0201",
            uses: ["Sockets"]
        )
        + exercise(
            "02-addresses-and-byte-order/E0202-ipv4-socket-address",
            "E0202",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise(
            "03-tcp-server/E0301-listening-socket",
            "E0301",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise("03-tcp-server/E0302-accept-loop", "E0302", uses: ["SystemCalls", "Sockets"])
        + exercise(
            "04-clients-and-streams/E0401-write-all",
            "E0401",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise(
            "04-clients-and-streams/E0402-connect-with-timeout",
            "E0402",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise("05-threads/E0501-line-buffer", "E0501", uses: ["SystemCalls", "Sockets"])
        + exercise(
            "05-threads/E0502-thread-room",
            "E0502",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise(
            "06-event-loop/E0601-poll-selector",
            "E0601",
            uses: ["Libc", "SystemCalls", "Sockets", "EventLoop"]
        )
        + exercise(
            "06-event-loop/E0602-write-buffer",
            "E0602",
            uses: ["Libc", "SystemCalls", "Sockets"]
        )
        + exercise("06-event-loop/E0603-timer-queue", "E0603", uses: ["EventLoop"])
        + exercise(
            "08-http-messages/E0801-request-line",
            "E0801",
            uses: ["Sockets", "HTTP"],
            support: ["HTTPExerciseSupport"]
        )
        + exercise(
            "08-http-messages/E0802-header-fields",
            "E0802",
            uses: ["Sockets", "HTTP"],
            support: ["HTTPExerciseSupport"]
        )
        + exercise(
            "08-http-messages/E0803-chunked-decoding",
            "E0803",
            uses: ["Sockets", "HTTP"],
            support: ["HTTPExerciseSupport"]
        )
        + exercise(
            "09-http-server/E0901-route-matching",
            "E0901",
            uses: ["EventLoop", "Sockets", "HTTP"],
            support: ["HTTPExerciseSupport"]
        )
        + exercise(
            "09-http-server/E0902-response-serialisation",
            "E0902",
            uses: ["Sockets", "HTTP"],
            support: ["HTTPExerciseSupport"]
        )
        + exercise(
            "10-websocket-handshake/E1001-sha1",
            "E1001",
            uses: [],
            support: ["WebSocketExerciseSupport"]
        )
        + exercise(
            "10-websocket-handshake/E1002-accept-key",
            "E1002",
            uses: ["EventLoop", "Sockets", "HTTP", "WebSockets"],
            support: ["HTTPExerciseSupport", "WebSocketExerciseSupport"]
        )
        + exercise(
            "11-websocket-frames/E1101-frame-header",
            "E1101",
            uses: ["EventLoop", "Sockets", "WebSockets"],
            support: ["WebSocketExerciseSupport"]
        )
        + exercise(
            "11-websocket-frames/E1102-masking",
            "E1102",
            uses: ["EventLoop", "Sockets", "WebSockets"],
            support: ["WebSocketExerciseSupport"]
        )
        + exercise(
            "11-websocket-frames/E1103-message-assembly",
            "E1103",
            uses: ["Sockets", "WebSockets"],
            support: ["HTTPExerciseSupport", "WebSocketExerciseSupport"]
        )
        + exercise(
            "11-websocket-frames/E1104-close-handshake",
            "E1104",
            uses: ["Sockets", "WebSockets"],
            support: ["WebSocketExerciseSupport"]
        )
        + exercise("12-engine-io/E1201-json-strings", "E1201", uses: ["JSON"])
        + exercise(
            "12-engine-io/E1202-packet-codec",
            "E1202",
            uses: ["EventLoop", "HTTP", "WebSockets", "EngineIO"],
            support: ["EngineIOExerciseSupport"]
        )
        + exercise(
            "12-engine-io/E1203-payload-codec",
            "E1203",
            uses: ["EventLoop", "HTTP", "WebSockets", "EngineIO"],
            support: ["EngineIOExerciseSupport"]
        )
        + exercise(
            "12-engine-io/E1204-heartbeat",
            "E1204",
            uses: ["EventLoop", "HTTP", "WebSockets", "EngineIO"],
            support: ["EngineIOExerciseSupport"]
        )
        + exercise(
            "12-engine-io/E1205-upgrade-dance",
            "E1205",
            uses: ["EventLoop", "HTTP", "WebSockets", "EngineIO"],
            support: ["EngineIOExerciseSupport"]
        )
)
