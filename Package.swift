// swift-tools-version: 6.1
//
// SocketLadder: a networking stack that climbs, one module at a time, from raw BSD
// sockets to Socket.IO. Every module depends only on the ones below it, and the package
// depends on nothing but the Swift toolchain.

import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode with strict concurrency.
let strictSwift: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

/// A demo program: an executable target that may use the demo helpers.
func demo(_ name: String, dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: name,
        dependencies: dependencies + ["DemoSupport"],
        swiftSettings: strictSwift
    )
}

let package = Package(
    name: "SocketLadder",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Libc", targets: ["Libc"]),
        .library(name: "SystemCalls", targets: ["SystemCalls"]),
        .library(name: "Sockets", targets: ["Sockets"]),
        .library(name: "EventLoop", targets: ["EventLoop"]),
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "WebSockets", targets: ["WebSockets"]),
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "MessagePack", targets: ["MessagePack"]),
        .library(name: "EngineIO", targets: ["EngineIO"]),
        .library(name: "SocketIO", targets: ["SocketIO"]),
        .library(name: "Redis", targets: ["Redis"]),
        .executable(name: "grade", targets: ["grade"]),
    ],
    targets: [
        // Layer 0: the platform's C library (Glibc or Darwin) under one name, for the files
        // that work with C types; and the system calls Swift's Glibc module hides, as thin C
        // functions.
        .target(name: "Libc", swiftSettings: strictSwift),
        .target(name: "CSystemShims"),
        // Layer 1: every system call wrapped once.
        .target(
            name: "SystemCalls",
            dependencies: [
                "Libc",
                .target(name: "CSystemShims", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Sockets",
            dependencies: ["Libc", "SystemCalls"],
            swiftSettings: strictSwift
        ),
        // Layer 1b: readiness, timers and the TCP server every higher layer builds on.
        .target(
            name: "EventLoop",
            dependencies: [
                "Libc", "SystemCalls", "Sockets",
                .target(name: "CSystemShims", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strictSwift
        ),

        // Layer 2: HTTP/1.1 server and client on the event loop.
        .target(
            name: "HTTP",
            dependencies: ["EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),
        // Layer 3: WebSocket (RFC 6455) server and client, on the HTTP upgrade.
        .target(
            name: "WebSockets",
            dependencies: ["HTTP", "EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),
        // Layer 3b: JSON (RFC 8259), the format Engine.IO and Socket.IO carry; needs nothing.
        .target(name: "JSON", swiftSettings: strictSwift),
        // Layer 3b: MessagePack, the binary format Socket.IO's msgpack parser speaks; needs
        // nothing either.
        .target(name: "MessagePack", swiftSettings: strictSwift),
        // Layer 4: Engine.IO v4 sessions over long-polling and WebSocket, server and client.
        .target(
            name: "EngineIO",
            dependencies: ["JSON", "WebSockets", "HTTP", "EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),
        // Layer 4b: a Redis client (RESP2/RESP3, pipelining, pub/sub, reconnection) on the
        // event loop, which lets several Socket.IO servers act as one.
        .target(
            name: "Redis",
            dependencies: ["EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),

        // Layer 5: Socket.IO v5 (packets, namespaces, rooms, acks) on Engine.IO.
        .target(
            name: "SocketIO",
            dependencies: ["EngineIO", "JSON", "HTTP", "EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),

        // What the demos share: command-line options, and a server's start-up and graceful
        // shutdown on SIGINT/SIGTERM.
        .target(
            name: "DemoSupport",
            dependencies: ["EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),

        // The demos, one per chapter.
        demo("fd-demo", dependencies: ["Libc", "SystemCalls"]),
        demo("resolve", dependencies: ["Sockets", "SystemCalls"]),
        demo("echo-server", dependencies: ["Libc", "Sockets", "EventLoop", "SystemCalls"]),
        demo("echo-client", dependencies: ["Sockets", "EventLoop", "SystemCalls"]),
        demo("chat-threads", dependencies: ["Sockets", "EventLoop", "SystemCalls"]),
        demo("chat-server", dependencies: ["EventLoop", "Sockets"]),
        demo("echo-async", dependencies: ["EventLoop"]),
        demo("tcp-echo-bench", dependencies: ["Sockets", "EventLoop", "SystemCalls"]),
        demo("http-server", dependencies: ["HTTP", "EventLoop", "SystemCalls"]),
        demo("http-parse", dependencies: ["HTTP", "SystemCalls"]),
        demo("ws-handshake", dependencies: ["WebSockets", "HTTP", "SystemCalls"]),
        demo("ws-echo", dependencies: ["WebSockets", "HTTP", "EventLoop"]),
        demo("ws-client", dependencies: ["WebSockets", "EventLoop", "SystemCalls"]),
        demo("ws-autobahn-client", dependencies: ["WebSockets", "EventLoop", "SystemCalls"]),
        demo("ws-chat", dependencies: ["WebSockets", "HTTP", "EventLoop", "SystemCalls"]),
        demo("eio-server", dependencies: ["EngineIO", "HTTP", "EventLoop", "Sockets"]),
        demo("eio-client", dependencies: ["EngineIO", "EventLoop", "SystemCalls"]),
        demo(
            "sio-contract",
            dependencies: ["SocketIO", "EngineIO", "HTTP", "EventLoop", "Sockets"]
        ),
        // Benchmarks: run in release mode (Scripts/bench-http.sh), never as tests.
        demo("http-bench", dependencies: ["Sockets"]),
        demo("json-bench", dependencies: ["JSON"]),
        demo("msgpack-bench", dependencies: ["MessagePack", "JSON"]),

        // The course's grader: `swift run grade`.
        .executableTarget(name: "grade", swiftSettings: strictSwift),

        .testTarget(
            name: "SystemCallsTests",
            dependencies: ["Libc", "SystemCalls"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SocketsTests",
            dependencies: ["Libc", "Sockets", "SystemCalls", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "EventLoopTests",
            dependencies: ["EventLoop", "Libc", "Sockets", "SystemCalls", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "HTTPTests",
            dependencies: ["HTTP", "EventLoop", "Sockets", "SystemCalls", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "WebSocketsTests",
            dependencies: [
                "WebSockets", "HTTP", "EventLoop", "Libc", "Sockets", "SystemCalls", "TestSupport",
            ],
            swiftSettings: strictSwift
        ),
        // JSONTestSuite's corpus (Tests/JSONTests/JSONTestSuite) is data the tests read by
        // path, not a source of the target.
        .testTarget(
            name: "JSONTests",
            dependencies: ["JSON"],
            exclude: ["JSONTestSuite"],
            swiftSettings: strictSwift
        ),
        // notepack-peer.js is a program the tests run under Node.js, not a source.
        .testTarget(
            name: "MessagePackTests",
            dependencies: ["MessagePack", "TestSupport"],
            exclude: ["notepack-peer.js"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "EngineIOTests",
            dependencies: [
                "EngineIO", "JSON", "WebSockets", "HTTP", "EventLoop", "Libc", "Sockets",
                "SystemCalls",
                "TestSupport",
            ],
            swiftSettings: strictSwift
        ),
        // Against real redis-server processes, which the tests start and stop
        // (Scripts/setup-redis.sh installs Debian's).
        .testTarget(
            name: "RedisTests",
            dependencies: ["Redis", "EventLoop", "Libc", "Sockets", "SystemCalls", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SocketIOTests",
            dependencies: [
                "SocketIO", "EngineIO", "JSON", "WebSockets", "HTTP", "EventLoop", "Libc",
                "Sockets", "SystemCalls", "TestSupport",
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DemoTests",
            dependencies: [
                "DemoSupport", "Libc", "Sockets", "SystemCalls", "TestSupport", "WebSockets",
                "EventLoop",
            ],
            swiftSettings: strictSwift
        ),
        // Interop: our server and client against independent implementations (Python's
        // websockets, headless Chromium) that the test command installs (Tests/Peers).
        .testTarget(
            name: "InteropTests",
            dependencies: [
                "EngineIO", "EventLoop", "Libc", "Sockets", "SystemCalls", "TestSupport",
                "WebSockets",
            ],
            swiftSettings: strictSwift
        ),
        // The grader tests itself on tiny fixture packages, which it builds and grades; they
        // are data for the tests, not sources of the test target.
        .testTarget(
            name: "GradeTests",
            dependencies: ["grade", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Libc", "Sockets", "SystemCalls"],
            path: "Tests/TestSupport",
            swiftSettings: strictSwift
        ),
    ]
)
