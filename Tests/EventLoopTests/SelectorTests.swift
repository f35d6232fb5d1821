import EventLoop
import Libc
import SystemCalls
import TestSupport
import Testing

/// A pipe whose ends are closed when the test is done.
final class TestPipe {
    let read: FileDescriptor
    let write: FileDescriptor

    init() throws {
        (read, write) = try FileDescriptor.pipe()
        try read.setNonBlocking(true)
        try write.setNonBlocking(true)
    }

    func send(_ text: String) throws {
        _ = try Array(text.utf8).withBytes { (bytes) throws(SystemCallError) in
            try write.write(bytes)
        }
    }

    deinit {
        try? read.close()
        try? write.close()
    }
}

/// Collects what one wait reported.
func waitOnce(_ selector: any Selector, timeout: Duration = .seconds(2)) throws -> [UInt64:
    Readiness]
{
    var reports: [UInt64: Readiness] = [:]
    try selector.wait(timeout: timeout) { tag, readiness in reports[tag] = readiness }
    return reports
}

@Suite("Selectors: epoll (or kqueue) and poll behave the same", .ownThread)
struct SelectorTests {
    static let kinds = SelectorKind.available

    @Test("a descriptor with data is reported readable with its tag", arguments: kinds)
    func readable(kind: SelectorKind) throws {
        let selector = try kind.makeSelectorForTesting()
        defer { selector.close() }
        let pipe = try TestPipe()
        try selector.register(pipe.read, interest: .readable, tag: 7)
        #expect(try waitOnce(selector, timeout: .zero).isEmpty)
        try pipe.send("x")
        let reports = try waitOnce(selector)
        #expect(reports[7]?.isReadable == true)
        #expect(reports.count == 1)
    }

    @Test("writable is reported only while asked for", arguments: kinds)
    func writableOnlyWhenAsked(kind: SelectorKind) throws {
        let selector = try kind.makeSelectorForTesting()
        defer { selector.close() }
        let pipe = try TestPipe()
        try selector.register(pipe.write, interest: .writable, tag: 1)
        #expect(try waitOnce(selector)[1]?.isWritable == true)
        try selector.reregister(pipe.write, interest: [], tag: 1)
        #expect(try waitOnce(selector, timeout: .milliseconds(20))[1]?.isWritable != true)
    }

    @Test("a deregistered descriptor is no longer reported", arguments: kinds)
    func deregistered(kind: SelectorKind) throws {
        let selector = try kind.makeSelectorForTesting()
        defer { selector.close() }
        let pipe = try TestPipe()
        try selector.register(pipe.read, interest: .readable, tag: 3)
        try pipe.send("x")
        try selector.deregister(pipe.read)
        #expect(try waitOnce(selector, timeout: .milliseconds(20)).isEmpty)
    }

    @Test("a closed write end makes the read end report readable or hang-up", arguments: kinds)
    func hangUp(kind: SelectorKind) throws {
        let selector = try kind.makeSelectorForTesting()
        defer { selector.close() }
        let (read, write) = try FileDescriptor.pipe()
        defer { try? read.close() }
        try selector.register(read, interest: .readable, tag: 9)
        try write.close()
        let report = try #require(try waitOnce(selector)[9])
        #expect(report.isReadable || report.isHangUpOrError)
    }

    @Test("the sleep ends when the timeout passes, even with nothing ready", arguments: kinds)
    func timeout(kind: SelectorKind) throws {
        let selector = try kind.makeSelectorForTesting()
        defer { selector.close() }
        let start = MonotonicClock.nanoseconds()
        #expect(try waitOnce(selector, timeout: .milliseconds(30)).isEmpty)
        #expect(MonotonicClock.nanoseconds() - start >= 29_000_000)
    }
}

extension SelectorKind {
    /// The selector of this kind, for tests that drive one directly.
    func makeSelectorForTesting() throws -> any Selector {
        switch self {
        case .poll: return PollSelector()
        #if os(Linux)
        case .epoll: return try EpollSelector()
        #endif
        default: throw SystemCallError(call: "selector", errno: Errno(rawValue: ENOSYS))
        }
    }
}
