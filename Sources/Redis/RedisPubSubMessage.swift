/// A message published on a channel this subscriber listens to.
public struct RedisPubSubMessage: Hashable, Sendable {
    /// The channel it was published on.
    public var channel: String
    /// The pattern that matched the channel, for a `PSUBSCRIBE`; `nil` for a `SUBSCRIBE`.
    public var pattern: String?
    /// What was published: any bytes.
    public var payload: [UInt8]

    /// A message.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - pattern: The pattern that matched, if any.
    ///   - payload: The bytes.
    public init(channel: String, pattern: String? = nil, payload: [UInt8]) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }

    /// The payload as UTF-8 text (invalid bytes replaced by U+FFFD).
    public var text: String { String(decoding: payload, as: UTF8.self) }
}

/// What a ``RedisSubscriber`` tells its handler, on its loop.
public enum RedisSubscriberEvent: Hashable, Sendable {
    /// A message arrived.
    case message(RedisPubSubMessage)
    /// The connection dropped. Pub/sub delivers at most once: what is published until
    /// ``resubscribed`` is not delivered to this subscriber, ever.
    case disconnected(RedisError)
    /// Connected again, with every subscription made again.
    case resubscribed
}

/// Which of the four subscription commands a confirmation answers.
enum SubscriptionKind: String, Hashable, Sendable {
    case subscribe, psubscribe, unsubscribe, punsubscribe

    /// The command's name.
    var command: String { rawValue.uppercased() }

    /// Whether it adds subscriptions.
    var adds: Bool { self == .subscribe || self == .psubscribe }
}

// snippet: pubsub-reply
/// What arrives on a subscribed connection, free of I/O: a message, or the confirmation
/// of a subscription change.
///
/// RESP2 sends both as arrays, RESP3 as pushes, with the same elements: `message`,
/// channel, payload; `pmessage`, pattern, channel, payload; `subscribe`, channel, count
/// of subscriptions now (and `unsubscribe`, `psubscribe`, `punsubscribe` alike).
enum PubSubReply: Hashable, Sendable {
    case message(RedisPubSubMessage)
    /// `name` is `nil` when an `UNSUBSCRIBE` of everything found nothing to remove.
    case confirmation(SubscriptionKind, name: String?, count: Int64)
    /// The answer to a `PING` sent while subscribed.
    case pong

    /// Recognizes `value`, or returns `nil` if it is none of these.
    init?(_ value: RESPValue) {
        guard let elements = value.elements, let kind = elements.first?.string else {
            return nil
        }
        switch (kind, elements.count) {
        case ("message", 3):
            guard let channel = elements[1].string, let payload = elements[2].bytes else {
                return nil
            }
            self = .message(RedisPubSubMessage(channel: channel, payload: payload))
        case ("pmessage", 4):
            guard let pattern = elements[1].string, let channel = elements[2].string,
                let payload = elements[3].bytes
            else { return nil }
            self = .message(
                RedisPubSubMessage(channel: channel, pattern: pattern, payload: payload)
            )
        case ("pong", 2):
            self = .pong
        case (_, 3):
            guard let subscription = SubscriptionKind(rawValue: kind),
                let count = elements[2].integer
            else { return nil }
            self = .confirmation(subscription, name: elements[1].string, count: count)
        default:
            return nil
        }
    }
}
// end-snippet
