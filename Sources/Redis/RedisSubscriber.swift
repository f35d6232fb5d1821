import EventLoop
import Sockets

/// A connection to Redis for pub/sub: subscribe to channels and patterns, and hear every
/// message published on them.
///
/// Once a connection subscribes, Redis sends it messages at any moment, and in RESP2 it
/// accepts only subscription commands, so pub/sub has a connection of its own; a
/// ``RedisConnection`` beside it publishes. Messages go to the handler given to
/// ``connect(to:configuration:on:handler:)``, on the subscriber's loop, in the order
/// Redis sent them; the handler must not block, and it is called for at most
/// ``RedisConfiguration/maximumRepliesPerTurn`` messages per turn of the loop, so that a
/// flood does not starve the loop's other connections.
///
/// **Reconnection.** When the connection drops, the handler hears
/// ``RedisSubscriberEvent/disconnected(_:)``; the subscriber reconnects with backoff,
/// subscribes again to everything, and the handler hears
/// ``RedisSubscriberEvent/resubscribed``. Redis keeps no messages for absent subscribers:
/// what was published in between is lost (pub/sub is "at most once").
public final class RedisSubscriber: Sendable {
    /// The loop the connection lives on.
    public let loop: EventLoop
    private let subscriptions: LoopBound<RedisSubscriptions>

    private init(subscriptions: LoopBound<RedisSubscriptions>) {
        self.loop = subscriptions.loop
        self.subscriptions = subscriptions
    }

    /// Closes the connection when the last reference goes.
    deinit {
        let subscriptions = subscriptions
        loop.execute { subscriptions.value.close() }
    }

    /// Connects to Redis at `address` for pub/sub.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - configuration: Login, timeouts, limits, reconnection (its database is not used:
    ///     channels are server-wide).
    ///   - loop: The loop to live on.
    ///   - handler: Called on `loop` with each message and each change of connection.
    /// - Returns: The connected subscriber, with no subscriptions yet.
    /// - Throws: ``RedisError/cannotConnect(address:reason:)`` or
    ///   ``RedisError/handshakeFailed(command:_:)``.
    public static func connect(
        to address: SocketAddress,
        configuration: RedisConfiguration = RedisConfiguration(),
        on loop: EventLoop,
        handler: @escaping @Sendable (RedisSubscriberEvent) -> Void
    ) async throws(RedisError) -> RedisSubscriber {
        let subscriptions = LoopBound(
            handingOver: RedisSubscriptions(
                address: address,
                loop: loop,
                configuration: configuration,
                handler: handler
            ),
            to: loop
        )
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            loop.execute { subscriptions.value.open { continuation.resume(returning: $0) } }
        }
        try result.get()
        return RedisSubscriber(subscriptions: subscriptions)
    }

    /// Subscribes to `channels` (`SUBSCRIBE`), and returns once Redis has confirmed each.
    ///
    /// - Parameter channels: Channel names.
    /// - Throws: ``RedisError``; a subscription that timed out is still kept, and made on
    ///   the next connection.
    public func subscribe(_ channels: String...) async throws(RedisError) {
        try await change(.subscribe, channels)
    }

    /// Subscribes to `channels` (`SUBSCRIBE`).
    ///
    /// - Parameter channels: Channel names.
    /// - Throws: ``RedisError``.
    public func subscribe(_ channels: [String]) async throws(RedisError) {
        try await change(.subscribe, channels)
    }

    /// Subscribes to every channel matching one of `patterns` (`PSUBSCRIBE`), such as
    /// `news.*`.
    ///
    /// - Parameter patterns: Glob-style patterns: `*`, `?`, `[abc]`.
    /// - Throws: ``RedisError``.
    public func psubscribe(_ patterns: String...) async throws(RedisError) {
        try await change(.psubscribe, patterns)
    }

    /// Unsubscribes from `channels` (`UNSUBSCRIBE`); from every channel if none are named.
    ///
    /// - Parameter channels: Channel names.
    /// - Throws: ``RedisError``.
    public func unsubscribe(_ channels: String...) async throws(RedisError) {
        try await change(.unsubscribe, channels)
    }

    /// Unsubscribes from `patterns` (`PUNSUBSCRIBE`); from every pattern if none are named.
    ///
    /// - Parameter patterns: Patterns given to ``psubscribe(_:)``.
    /// - Throws: ``RedisError``.
    public func punsubscribe(_ patterns: String...) async throws(RedisError) {
        try await change(.punsubscribe, patterns)
    }

    /// Closes the connection for good; the handler hears nothing more.
    public func close() async {
        let subscriptions = subscriptions
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            loop.execute {
                subscriptions.value.close()
                continuation.resume()
            }
        }
    }

    private func change(_ kind: SubscriptionKind, _ names: [String]) async throws(RedisError) {
        let subscriptions = subscriptions
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Void, RedisError>, Never>) in
            loop.execute {
                subscriptions.value.change(kind, names) { continuation.resume(returning: $0) }
            }
        }
        try result.get()
    }
}
