import EventLoop
import Sockets

/// The loop side of a ``RedisSubscriber``, which keeps the subscriptions wanted.
///
/// It holds the subscriptions, the changes waiting for Redis's confirmation, and hands
/// messages to the handler. Touched only on its loop.
///
/// The subscriptions are kept here, not only on the server, because a new connection
/// starts with none: after every reconnect, everything in ``channels`` and ``patterns``
/// is subscribed again, and the handler hears ``RedisSubscriberEvent/resubscribed`` once
/// Redis has confirmed all of it.
final class RedisSubscriptions: RedisLinkDelegate {
    /// A `SUBSCRIBE`-like command waiting for a confirmation per name.
    private struct Change {
        let id: UInt64
        let kind: SubscriptionKind
        var remaining: Set<String>
        let completion: (Result<Void, RedisError>) -> Void
        var timer: ScheduledTimer?
    }

    let link: RedisLink
    private let handler: @Sendable (RedisSubscriberEvent) -> Void
    private(set) var channels: Set<String> = []
    private(set) var patterns: Set<String> = []
    private var changes: [Change] = []
    private var nextID: UInt64 = 0
    private var opener: ((Result<Void, RedisError>) -> Void)?
    private var isClosed = false
    /// Confirmations still expected for the resubscription after a reconnect.
    private var restoring = 0

    init(
        address: SocketAddress,
        loop: EventLoop,
        configuration: RedisConfiguration,
        handler: @escaping @Sendable (RedisSubscriberEvent) -> Void
    ) {
        link = RedisLink(
            address: address,
            loop: loop,
            configuration: configuration,
            handshake: RedisHandshake.commands(for: configuration, selectsDatabase: false)
        )
        self.handler = handler
        link.delegate = self
    }

    /// Connects; `opener` hears of the first connection's success or failure.
    func open(_ opener: @escaping (Result<Void, RedisError>) -> Void) {
        self.opener = opener
        link.connect()
    }

    // snippet: subscriptions-change
    /// Adds or removes subscriptions; `completion` runs once Redis has confirmed each name.
    ///
    /// While disconnected, a subscription waits for the next connection (within the
    /// request timeout), and an unsubscription is done at once: the next connection will
    /// simply not make it.
    func change(
        _ kind: SubscriptionKind,
        _ requested: [String],
        completion: @escaping (Result<Void, RedisError>) -> Void
    ) {
        if isClosed { return completion(.failure(.closed)) }
        var names = Set(requested)
        switch kind {
        case .subscribe: channels.formUnion(names)
        case .psubscribe: patterns.formUnion(names)
        case .unsubscribe:
            if names.isEmpty { names = channels }  // no names: every channel
            channels.subtract(names)
        case .punsubscribe:
            if names.isEmpty { names = patterns }
            patterns.subtract(names)
        }
        if names.isEmpty || (!kind.adds && !link.isReady) { return completion(.success(())) }
        var change = Change(id: nextID, kind: kind, remaining: names, completion: completion)
        nextID += 1
        let timeout = link.configuration.requestTimeout
        change.timer = link.loop.schedule(after: timeout) { [weak self, id = change.id] in
            self?.timedOut(id, after: timeout)
        }
        changes.append(change)
        if link.isReady { link.write(Self.command(kind, names).encoded) }
    }
    // end-snippet

    /// Closes for good; changes not yet confirmed fail.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        link.close()
        let pending = changes
        changes.removeAll()
        for change in pending {
            change.timer?.cancel()
            change.completion(.failure(.closed))
        }
    }

    private static func command(_ kind: SubscriptionKind, _ names: Set<String>) -> RedisCommand {
        RedisCommand([RedisArgument(kind.command)] + names.sorted().map { RedisArgument($0) })
    }

    private func timedOut(_ id: UInt64, after timeout: Duration) {
        guard let index = changes.firstIndex(where: { $0.id == id }) else { return }
        let change = changes.remove(at: index)
        change.completion(.failure(.timedOut(command: change.kind.command, after: timeout)))
        // A server that does not confirm is stuck or gone: start over, and resubscribe.
        link.fail(
            .connectionLost(
                command: "",
                reason: "\(change.kind.command) was not confirmed within \(timeout)"
            )
        )
    }

    // MARK: Link events

    func linkDidBecomeReady(_ link: RedisLink) {
        if let opener {
            self.opener = nil
            link.reconnectsAutomatically = true
            opener(.success(()))
            return
        }
        // A new connection has no subscriptions: make them all again.
        restoring = channels.count + patterns.count
        var bytes: [UInt8] = []
        if !channels.isEmpty { Self.command(.subscribe, channels).encode(into: &bytes) }
        if !patterns.isEmpty { Self.command(.psubscribe, patterns).encode(into: &bytes) }
        if bytes.isEmpty {
            handler(.resubscribed)
        } else {
            link.write(bytes)
        }
    }

    func link(_ link: RedisLink, didReceive value: RESPValue) {
        switch PubSubReply(value) {
        case .message(let message):
            handler(.message(message))
        case .confirmation(let kind, let name, _):
            confirmed(kind, name)
        case .pong:
            break
        case nil:
            if let error = value.error, !changes.isEmpty {
                // Refused, such as NOPERM for a channel the ACL user may not use.
                let change = changes.removeFirst()
                change.timer?.cancel()
                if change.kind == .subscribe { channels.subtract(change.remaining) }
                if change.kind == .psubscribe { patterns.subtract(change.remaining) }
                change.completion(.failure(.server(error)))
            } else if case .push = value {
                link.configuration.onPush?(value)
            } else {
                link.fail(.unexpectedReply("\(value) on a subscribed connection"))
            }
        }
    }

    private func confirmed(_ kind: SubscriptionKind, _ name: String?) {
        if let name,
            let index = changes.firstIndex(where: {
                $0.kind == kind && $0.remaining.contains(name)
            })
        {
            changes[index].remaining.remove(name)
            if changes[index].remaining.isEmpty {
                let change = changes.remove(at: index)
                change.timer?.cancel()
                change.completion(.success(()))
            }
        }
        if restoring > 0 && kind.adds {
            restoring -= 1
            if restoring == 0 { handler(.resubscribed) }
        }
    }

    func link(_ link: RedisLink, didDisconnect error: RedisError, wasReady: Bool) {
        if let opener {
            self.opener = nil
            isClosed = true
            link.close()
            return opener(.failure(error.forFirstConnection(to: link.address)))
        }
        restoring = 0
        // Removals are done: the next connection starts without them. Additions stay
        // pending: the resubscription will confirm them.
        let removals = changes.filter { !$0.kind.adds }
        changes.removeAll { !$0.kind.adds }
        for change in removals {
            change.timer?.cancel()
            change.completion(.success(()))
        }
        if wasReady && !isClosed { handler(.disconnected(error.forWaitingRequest)) }
        if isClosed {
            let pending = changes
            changes.removeAll()
            for change in pending {
                change.timer?.cancel()
                change.completion(.failure(.closed))
            }
        }
    }
}
