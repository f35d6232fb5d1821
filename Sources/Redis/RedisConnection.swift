import EventLoop
import Sockets

/// A connection to Redis for requests and replies: `try await redis.send("GET", "k")`.
///
/// It lives on one event loop, like every connection of this stack, and is safe to use
/// from any task or thread: each call hops to the loop, where requests are written in the
/// order they were made and replies are matched to them in that order. Many requests may
/// be in flight at once (*pipelining*): a thousand `send`s from a thousand tasks share one
/// connection and cost about one round trip, not a thousand.
///
/// **Failures are bounded and explicit.** Every request has a timeout. A reply that never
/// comes resets the connection, because the replies behind it could no longer be matched.
/// When the connection drops, the requests in flight fail with
/// ``RedisError/connectionLost(command:reason:)`` (Redis may or may not have run them),
/// and the client reconnects with exponential backoff and jitter, logging in and choosing
/// the database again. Requests made meanwhile wait for the new connection, a bounded
/// number of them, each within its timeout (or fail at once: see
/// ``RedisConfiguration/whileDisconnected``).
///
/// Pub/sub is not done here: a subscribed connection receives messages instead of
/// replies, so it gets a connection of its own, ``RedisSubscriber``.
///
/// Call ``close()`` when done; releasing the last reference closes it too.
public final class RedisConnection: Sendable {
    /// The loop the connection lives on.
    public let loop: EventLoop
    /// The server's address.
    public let address: SocketAddress
    private let pipeline: LoopBound<RedisRequestPipeline>
    private let connectedFlag: ConnectedFlag

    private init(
        address: SocketAddress,
        pipeline: LoopBound<RedisRequestPipeline>,
        connectedFlag: ConnectedFlag
    ) {
        self.loop = pipeline.loop
        self.address = address
        self.pipeline = pipeline
        self.connectedFlag = connectedFlag
    }

    /// Whether the connection is up now (connected and logged in); `false` while it
    /// reconnects.
    ///
    /// A snapshot from any thread, for health checks and logs: by the time you act on it,
    /// it may have changed.
    public var isConnected: Bool { connectedFlag.value.load(ordering: .relaxed) }

    /// Closes the connection when the last reference goes: a forgotten client must not
    /// keep reconnecting for ever.
    deinit {
        let pipeline = pipeline
        loop.execute { pipeline.value.close() }
    }

    /// Connects to Redis at `address`, and performs the handshake the configuration asks
    /// for (`HELLO 3`, `AUTH`, `CLIENT SETNAME`, `SELECT`).
    ///
    /// Only this first connection's failure is thrown; once connected, the client
    /// reconnects on its own.
    ///
    /// - Parameters:
    ///   - address: The server, such as `127.0.0.1:6379`.
    ///   - configuration: Login, timeouts, limits, reconnection.
    ///   - loop: The loop to live on.
    /// - Returns: The connected client.
    /// - Throws: ``RedisError/cannotConnect(address:reason:)`` or
    ///   ``RedisError/handshakeFailed(command:_:)`` (a wrong password, say).
    public static func connect(
        to address: SocketAddress,
        configuration: RedisConfiguration = RedisConfiguration(),
        on loop: EventLoop
    ) async throws(RedisError) -> RedisConnection {
        let core = RedisRequestPipeline(address: address, loop: loop, configuration: configuration)
        let connectedFlag = core.isConnected
        let pipeline = LoopBound(handingOver: core, to: loop)
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            loop.execute { pipeline.value.open { continuation.resume(returning: $0) } }
        }
        try result.get()
        return RedisConnection(address: address, pipeline: pipeline, connectedFlag: connectedFlag)
    }

    /// Sends a command made of `arguments` and waits for its reply.
    ///
    /// ```swift
    /// try await redis.send("SET", "greeting", "hello")
    /// let value = try await redis.send("GET", "greeting").string  // "hello"
    /// ```
    ///
    /// - Parameter arguments: The command's name, then its arguments.
    /// - Returns: The reply.
    /// - Throws: ``RedisError``: ``RedisError/server(_:)`` when Redis answers with an error.
    @discardableResult
    public func send(_ arguments: RedisArgument...) async throws(RedisError) -> RESPValue {
        try await send(RedisCommand(arguments))
    }

    /// Sends `command` and waits for its reply.
    ///
    /// - Parameters:
    ///   - command: The command.
    ///   - timeout: How long to wait for the reply; the configuration's request timeout if
    ///     `nil`. A blocking command (`BLPOP k 10`) needs more than it blocks for.
    /// - Returns: The reply.
    /// - Throws: ``RedisError``.
    @discardableResult
    public func send(
        _ command: RedisCommand,
        timeout: Duration? = nil
    ) async throws(RedisError) -> RESPValue {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<RESPValue, RedisError>, Never>) in
            send(command, timeout: timeout) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Sends `command` and calls `completion` on the loop with the reply.
    ///
    /// Calls made one after another from one thread are sent in that order; from the
    /// loop's own thread the request is written at once. This is the form code that runs
    /// on the loop uses, without a task.
    ///
    /// - Parameters:
    ///   - command: The command.
    ///   - timeout: How long to wait for the reply; the configuration's if `nil`.
    ///   - completion: Called once, on the loop, with the reply or the error.
    public func send(
        _ command: RedisCommand,
        timeout: Duration? = nil,
        completion: @escaping @Sendable (Result<RESPValue, RedisError>) -> Void
    ) {
        let pipeline = pipeline
        if loop.inEventLoop {
            pipeline.value.send(command, timeout: timeout, completion: completion)
        } else {
            loop.execute {
                pipeline.value.send(command, timeout: timeout, completion: completion)
            }
        }
    }

    /// Sends every command at once, in order, and waits for all their replies.
    ///
    /// The commands leave together and the replies come back together: one round trip
    /// for the lot. Each has its own outcome; an error reply to one does not stop the
    /// others (this is not a transaction: use `MULTI`/`EXEC` for that).
    ///
    /// What Redis has not read yet waits in the connection's output buffer, which
    /// ``TCPConnection/Configuration/maximumPendingOutput`` bounds (16 MiB by default):
    /// past it the connection is reset and the commands in flight fail.
    ///
    /// - Parameters:
    ///   - commands: The commands, in the order to run them.
    ///   - timeout: Each command's timeout; the configuration's if `nil`.
    /// - Returns: Each command's reply or error, in the same order.
    public func pipeline(
        _ commands: [RedisCommand],
        timeout: Duration? = nil
    ) async -> [Result<RESPValue, RedisError>] {
        guard !commands.isEmpty else { return [] }
        let pipeline = pipeline
        return await withCheckedContinuation {
            (continuation: CheckedContinuation<[Result<RESPValue, RedisError>], Never>) in
            loop.execute {
                let collector = ReplyCollector(count: commands.count) {
                    continuation.resume(returning: $0)
                }
                pipeline.value.sendingInOneWrite {
                    for (index, command) in commands.enumerated() {
                        pipeline.value.send(command, timeout: timeout) {
                            collector.store($0, at: index)
                        }
                    }
                }
            }
        }
    }

    /// Closes the connection for good: requests not yet answered fail with
    /// ``RedisError/closed``, and no reconnection follows.
    public func close() async {
        let pipeline = pipeline
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                pipeline.value.close()
                continuation.resume()
            }
        }
    }
}

/// Gathers the replies of a pipeline, on the loop, and hands them over once all are in.
private final class ReplyCollector {
    private var results: [Result<RESPValue, RedisError>?]
    private var remaining: Int
    private let done: ([Result<RESPValue, RedisError>]) -> Void

    init(count: Int, done: @escaping ([Result<RESPValue, RedisError>]) -> Void) {
        results = Array(repeating: nil, count: count)
        remaining = count
        self.done = done
    }

    func store(_ result: Result<RESPValue, RedisError>, at index: Int) {
        results[index] = result
        remaining -= 1
        if remaining == 0 { done(results.map { $0 ?? .failure(.closed) }) }
    }
}
