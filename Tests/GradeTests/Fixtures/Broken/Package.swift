// swift-tools-version: 6.1
//
// A fixture for the grader's tests: a package that does not compile.

import PackageDescription

let package = Package(
    name: "Broken",
    targets: [
        .target(name: "Broken")
    ]
)
