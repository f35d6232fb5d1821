// fd-demo: opens a file, a pipe and a socket, shows their descriptor numbers, and makes
//          a few system calls fail on purpose to show errno at work.
// Try it:   swift run fd-demo
//           ls -l /proc/$(pgrep fd-demo)/fd     (while it waits, with --wait)
// Chapter:  Tutorials/01-descriptors-and-errno/README.md

import DemoSupport
import Libc
import SystemCalls

let command = DemoCommand(
    name: "fd-demo",
    summary: "descriptors are small integers; failures are errno values",
    defaultPort: nil,
    options: [.init("--wait", nil, "wait for Ctrl-C before closing, to look at /proc")],
    examples: ["fd-demo", "fd-demo --wait   (then: ls -l /proc/$(pgrep fd-demo)/fd)"]
)
let options = command.parse()

/// Lists this process's open descriptors by reading the directory Linux keeps for them.
///
/// Reading a directory takes a descriptor too; it is left out, or the list would show a
/// number that is open only while the list is being made.
func openDescriptors() -> String {
    guard let directory = opendir("/proc/self/fd") else { return "(no /proc on this system)" }
    defer { closedir(directory) }
    let own = Int(dirfd(directory))
    var numbers: [Int] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if let number = Int(name), number != own { numbers.append(number) }
    }
    return numbers.sorted().map(String.init).joined(separator: " ")
}

printFlushed("0, 1 and 2 are standard input, output and error. Open now: \(openDescriptors())")

do {
    // snippet: fd-demo
    let file = try retryingOnInterrupt("open") { open("/etc/hostname", O_RDONLY | O_CLOEXEC) }
    printFlushed("open(\"/etc/hostname\") gave descriptor \(file): the lowest free number")
    let pipe = try FileDescriptor.pipe()
    printFlushed("pipe() gave \(pipe.read.rawValue) to read and \(pipe.write.rawValue) to write")
    let socket = try FileDescriptor.socket(family: AF_INET)
    printFlushed("socket() gave \(socket.rawValue): a socket is a descriptor like the others")

    let hello: [UInt8] = Array("hello through a pipe".utf8)
    _ = try hello.withBytes { (bytes) throws(SystemCallError) in try pipe.write.write(bytes) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = try buffer.withUnsafeMutableBytes { (raw) throws(SystemCallError) in
        try pipe.read.read(into: raw) ?? 0
    }
    printFlushed("read \(count) bytes back: \(String(decoding: buffer[0..<count], as: UTF8.self))")

    // Failures come back as errno values, which SystemCallError names.
    do {
        _ = try retryingOnInterrupt("open") { open("/no/such/file", O_RDONLY) }
    } catch {
        printFlushed("expected failure: \(error)")
    }
    try FileDescriptor(rawValue: file).close()
    do {
        try FileDescriptor(rawValue: file).close()  // closing twice: a bug, caught by EBADF
    } catch {
        printFlushed("expected failure: \(error)")
    }
    // end-snippet
    printFlushed("open now: \(openDescriptors())")
    if options.isSet("--wait") {
        printFlushed("waiting; press Ctrl-C to end")
        pause()
    }
    try? pipe.read.close()
    try? pipe.write.close()
    try? socket.close()
} catch {
    printToStandardError("fd-demo: \(error)")
    CurrentProcess.exit(1)
}
