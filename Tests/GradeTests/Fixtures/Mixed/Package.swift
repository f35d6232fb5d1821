// swift-tools-version: 6.1
//
// A fixture for the grader's tests: one test target per way a test run can end.

import PackageDescription

let package = Package(
    name: "Mixed",
    targets: [
        .target(name: "Greeting"),
        .testTarget(name: "PassTests", dependencies: ["Greeting"]),
        .testTarget(name: "FailTests", dependencies: ["Greeting"]),
        .testTarget(name: "StubTests", dependencies: ["Greeting"]),
        .testTarget(name: "CrashTests", dependencies: ["Greeting"]),
        .testTarget(name: "HangTests", dependencies: ["Greeting"]),
    ]
)
