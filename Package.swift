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
        .library(name: "SystemCalls", targets: ["SystemCalls"]),
        .library(name: "Sockets", targets: ["Sockets"]),
        .library(name: "EventLoop", targets: ["EventLoop"]),
        .library(name: "HTTP", targets: ["HTTP"]),
        .library(name: "WebSockets", targets: ["WebSockets"]),
        .library(name: "EngineIO", targets: ["EngineIO"]),
        .executable(name: "grade", targets: ["grade"]),
    ],
    targets: [
        // Layer 1: the system calls Swift's Glibc module hides, as thin C functions.
        .target(name: "CSystemShims"),
        .target(
            name: "SystemCalls",
            dependencies: [.target(name: "CSystemShims", condition: .when(platforms: [.linux]))],
            swiftSettings: strictSwift
        ),
        .target(name: "Sockets", dependencies: ["SystemCalls"], swiftSettings: strictSwift),
        // Layer 1b: readiness, timers and the TCP server every higher layer builds on.
        .target(
            name: "EventLoop",
            dependencies: ["SystemCalls", "Sockets"],
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
        // Layer 4: Engine.IO v4 sessions over long-polling and WebSocket, server and client.
        .target(
            name: "EngineIO",
            dependencies: ["JSON", "WebSockets", "HTTP", "EventLoop", "Sockets", "SystemCalls"],
            swiftSettings: strictSwift
        ),

        // What the demos share: command-line options and shutting down on SIGINT/SIGTERM.
        .target(name: "DemoSupport", dependencies: ["Sockets"], swiftSettings: strictSwift),

        // The demos, one per chapter.
        demo("fd-demo", dependencies: ["SystemCalls"]),
        demo("resolve", dependencies: ["Sockets"]),
        demo("echo-server", dependencies: ["Sockets", "EventLoop"]),
        demo("echo-client", dependencies: ["Sockets", "EventLoop"]),
        demo("chat-threads", dependencies: ["Sockets", "EventLoop"]),
        demo("chat-server", dependencies: ["EventLoop"]),
        demo("echo-async", dependencies: ["EventLoop"]),
        demo("tcp-echo-bench", dependencies: ["Sockets", "EventLoop"]),
        demo("http-server", dependencies: ["HTTP", "EventLoop", "SystemCalls"]),
        demo("http-parse", dependencies: ["HTTP"]),
        demo("ws-handshake", dependencies: ["WebSockets", "HTTP"]),
        demo("ws-echo", dependencies: ["WebSockets", "HTTP", "EventLoop", "SystemCalls"]),
        demo("ws-client", dependencies: ["WebSockets", "EventLoop", "SystemCalls"]),
        demo("ws-autobahn-client", dependencies: ["WebSockets", "EventLoop", "SystemCalls"]),
        demo("ws-chat", dependencies: ["WebSockets", "HTTP", "EventLoop", "SystemCalls"]),
        demo("eio-server", dependencies: ["EngineIO", "HTTP", "EventLoop", "SystemCalls"]),
        demo("eio-client", dependencies: ["EngineIO", "EventLoop", "SystemCalls"]),
        // Benchmarks: run in release mode (Scripts/bench-http.sh), never as tests.
        demo("http-bench", dependencies: ["Sockets"]),

        // The course's grader: `swift run grade`.
        .executableTarget(name: "grade", swiftSettings: strictSwift),

        .testTarget(
            name: "SystemCallsTests",
            dependencies: ["SystemCalls"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "SocketsTests",
            dependencies: ["Sockets", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "EventLoopTests",
            dependencies: ["EventLoop", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "HTTPTests",
            dependencies: ["HTTP", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "WebSocketsTests",
            dependencies: ["WebSockets", "TestSupport"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "EngineIOTests",
            dependencies: [
                "EngineIO", "JSON", "WebSockets", "HTTP", "EventLoop", "Sockets", "TestSupport",
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "DemoTests",
            dependencies: [
                "DemoSupport", "Sockets", "SystemCalls", "TestSupport", "WebSockets", "EventLoop",
            ],
            swiftSettings: strictSwift
        ),
        // Interop: our server and client against independent implementations (Python's
        // websockets, headless Chromium) that the test command installs (Tests/Peers).
        .testTarget(
            name: "InteropTests",
            dependencies: ["EventLoop", "Sockets", "SystemCalls", "TestSupport", "WebSockets"],
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
            dependencies: ["Sockets"],
            path: "Tests/TestSupport",
            swiftSettings: strictSwift
        ),
    ]
)
