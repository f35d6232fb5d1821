import Dispatch
import EventLoop
import Foundation
import Redis
import Sockets
import SystemCalls
import TestSupport

/// Runs `body` with a fresh `redis-server` (started with `arguments`) and an event loop,
/// and stops both afterwards, whatever happens.
func withRedis<Result>(
    _ arguments: [String] = [],
    _ body: (RedisServer, EventLoop) async throws -> Result
) async throws -> Result {
    let server = try RedisServer(arguments)
    let loop = try EventLoop(name: "redis-test")
    defer {
        try? loop.shutdown()
        server.stop()
    }
    return try await body(server, loop)
}

/// The test configuration: generous timeouts, so a test starved of CPU by the suites
/// running beside it does not time out; the tests of timeouts set their own.
func testConfiguration() -> RedisConfiguration {
    var configuration = RedisConfiguration()
    configuration.requestTimeout = .seconds(30)
    configuration.connectTimeout = .seconds(10)
    return configuration
}

/// What arrives from another thread (a subscriber's handler, a completion), kept in order
/// for a test to wait for, bounded.
final class Inbox<Element: Sendable>: Sendable {
    private let items = Locked<[Element]>([])
    private let arrived = DispatchSemaphore(value: 0)

    /// Adds `item`; from any thread.
    func put(_ item: Element) {
        items.withLock { $0.append(item) }
        arrived.signal()
    }

    /// The next item, waiting at most `timeout` for it.
    func next(within timeout: Duration = .seconds(20), _ what: String = "an item") throws -> Element
    {
        let deadline = Deadline(after: timeout)
        while true {
            if let item = items.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return item }
            let nanoseconds = Int(clamping: deadline.remaining.nanoseconds)
            if arrived.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
                if let item = items.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                    return item
                }
                throw TestTimeout(what)
            }
        }
    }

    /// The next item that `matches`, skipping others, waiting at most `timeout`.
    func next(
        within timeout: Duration = .seconds(20),
        _ what: String,
        where matches: (Element) -> Bool
    ) throws -> Element {
        let deadline = Deadline(after: timeout)
        while true {
            let item = try next(within: deadline.remaining, what)
            if matches(item) { return item }
        }
    }

    /// Everything received so far.
    var all: [Element] { items.withLock { $0 } }
}

extension RedisSubscriberEvent {
    /// The message, if this is one.
    var message: RedisPubSubMessage? {
        if case .message(let message) = self { return message }
        return nil
    }
}
