import EngineIO
import EventLoop
import ExerciseSupport
import WebSockets

/// Runs `body`, failing with a message if it takes longer than `limit`.
///
/// - Parameters:
///   - limit: The longest wait.
///   - what: What is awaited, for the message.
///   - body: The wait.
/// - Returns: What `body` returns.
/// - Throws: ``WireMismatch`` after `limit`, or what `body` throws.
public func within<Result: Sendable>(
    _ limit: Duration,
    _ what: String,
    _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw WireMismatch("nothing after \(limit) waiting for \(what)")
        }
        return result
    }
}

/// Checks `condition` until it holds or `timeout` passes, suspending between checks: for
/// facts nothing announces, such as how many sessions are open.
///
/// - Parameters:
///   - timeout: The longest wait.
///   - condition: The fact.
/// - Returns: Whether it held in time.
public func eventually(
    within timeout: Duration = .seconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}

extension AsyncWebSocket {
    /// The next message, failing on close or after `limit`.
    ///
    /// - Parameter limit: The longest wait.
    /// - Returns: The message.
    /// - Throws: ``WireMismatch``.
    public func nextMessage(within limit: Duration = .seconds(5)) async throws
        -> WebSocketMessage
    {
        let message = try await within(limit, "a WebSocket message") { await self.receive() }
        guard let message else {
            let (code, reason) = await closed()
            throw WireMismatch("the WebSocket closed (\(code) \(reason)) instead of sending")
        }
        return message
    }

    /// The next text message, failing on binary, on close, or after `limit`.
    ///
    /// - Parameter limit: The longest wait.
    /// - Returns: The text.
    /// - Throws: ``WireMismatch``.
    public func nextText(within limit: Duration = .seconds(5)) async throws -> String {
        let message = try await nextMessage(within: limit)
        guard case .text(let text) = message else {
            throw WireMismatch("expected a text message, got \(message)")
        }
        return text
    }

    /// Waits until the server closes the connection, failing after `limit`.
    ///
    /// - Parameter limit: The longest wait.
    /// - Returns: The close code and reason.
    /// - Throws: ``WireMismatch``.
    public func waitForClose(within limit: Duration = .seconds(5)) async throws
        -> (code: WebSocketCloseCode, reason: String)
    {
        try await within(limit, "the WebSocket to close") {
            while await self.receive() != nil {}
            return await self.closed()
        }
    }
}

extension EventLoop {
    /// Runs `body` on the loop and returns its result.
    ///
    /// - Parameter body: Work that must happen on the loop.
    /// - Returns: What `body` returns.
    public func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            execute { continuation.resume(returning: body()) }
        }
    }
}

/// Records what an Engine.IO client hears, for a test to await.
public final class ClientRecorder: EngineIOClientHandler, Sendable {
    private struct State: Sendable {
        var messages: [EngineIOMessage] = []
        var upgraded = false
        var reason: EngineIOCloseReason?
    }

    private let state = Locked(State())

    /// A recorder that has heard nothing.
    public init() {}

    /// Keeps the message.
    public func client(_ client: EngineIOClient, didReceive message: EngineIOMessage) {
        state.withLock { $0.messages.append(message) }
    }

    /// Notes the upgrade.
    public func clientDidUpgrade(_ client: EngineIOClient) {
        state.withLock { $0.upgraded = true }
    }

    /// Keeps the reason.
    public func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {
        state.withLock { $0.reason = reason }
    }

    /// Whether the client moved to a WebSocket.
    public var upgraded: Bool { state.value.upgraded }

    /// Why the client closed, if it has.
    public var reason: EngineIOCloseReason? { state.value.reason }

    /// The first `count` messages, once that many have arrived.
    ///
    /// - Parameters:
    ///   - count: How many.
    ///   - limit: The longest wait.
    /// - Returns: The messages.
    /// - Throws: ``WireMismatch`` with what did arrive.
    public func messages(_ count: Int, within limit: Duration = .seconds(10)) async throws
        -> [EngineIOMessage]
    {
        let arrived = await eventually(within: limit) { state.value.messages.count >= count }
        let seen = state.value
        guard arrived else {
            throw WireMismatch(
                "\(seen.messages.count) of \(count) messages arrived: \(seen.messages)"
                    + (seen.reason.map { "; the client closed: \($0)" } ?? "")
            )
        }
        return Array(seen.messages.prefix(count))
    }
}
