/// A handler of an event from the client: its arguments, and a way to answer if the
/// client asked for an acknowledgement (`nil` if it did not).
public typealias SocketIOEventHandler = (_ arguments: [SocketIOValue], _ ack: SocketIOAck?) -> Void

/// A handler of every event: its name and arguments.
public typealias SocketIOAnyHandler = (_ event: String, _ arguments: [SocketIOValue]) -> Void

/// A registered handler, to remove it again with `off`.
public struct SocketIOListener: Sendable, Hashable {
    let id: Int
}

/// A socket's handlers, by event: the `EventEmitter` part of the JavaScript socket.
struct SocketIOListeners {
    struct Entry {
        let id: Int
        let once: Bool
        let handler: SocketIOEventHandler
    }

    struct AnyEntry {
        let id: Int
        let handler: SocketIOAnyHandler
    }

    var events: [String: [Entry]] = [:]
    var any: [AnyEntry] = []
    var anyOutgoing: [AnyEntry] = []
    var disconnecting: [(SocketIODisconnectReason) -> Void] = []
    var disconnect: [(SocketIODisconnectReason) -> Void] = []
    var error: [(any Error) -> Void] = []
    private var lastID = 0

    mutating func nextID() -> Int {
        lastID += 1
        return lastID
    }

    /// The handlers for `event`, the `once` ones removed from the table as they are taken.
    mutating func take(_ event: String) -> [Entry] {
        guard let entries = events[event] else { return [] }
        if entries.contains(where: \.once) {
            events[event] = entries.filter { !$0.once }
        }
        return entries
    }

    mutating func remove(_ listener: SocketIOListener) {
        for (event, entries) in events {
            events[event] = entries.filter { $0.id != listener.id }
        }
        any.removeAll { $0.id == listener.id }
        anyOutgoing.removeAll { $0.id == listener.id }
    }
}

extension SocketIOSocket {
    /// Calls `handler` for each `event` the client emits.
    ///
    /// ```swift
    /// socket.on("message-with-ack") { args, ack in ack?(args) }
    /// ```
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - handler: Called on the socket's loop with the arguments, and an ``SocketIOAck``
    ///     if the client asked for an answer.
    /// - Returns: The listener, for ``off(_:)-(SocketIOListener)``.
    @discardableResult
    public func on(_ event: String, _ handler: @escaping SocketIOEventHandler) -> SocketIOListener {
        add(event, once: false, handler)
    }

    /// Calls `handler` for the next `event` only.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - handler: Called once.
    /// - Returns: The listener.
    @discardableResult
    public func once(_ event: String, _ handler: @escaping SocketIOEventHandler) -> SocketIOListener
    {
        add(event, once: true, handler)
    }

    private func add(_ event: String, once: Bool, _ handler: @escaping SocketIOEventHandler)
        -> SocketIOListener
    {
        loop.preconditionInEventLoop()
        let id = listeners.nextID()
        listeners.events[event, default: []].append(.init(id: id, once: once, handler: handler))
        return SocketIOListener(id: id)
    }

    /// Removes every handler of `event`.
    ///
    /// - Parameter event: The event's name.
    public func off(_ event: String) {
        loop.preconditionInEventLoop()
        listeners.events[event] = nil
    }

    /// Removes one handler (of an event, of every event, or of every outgoing event).
    ///
    /// - Parameter listener: What `on`, `once`, `onAny` or `onAnyOutgoing` returned.
    public func off(_ listener: SocketIOListener) {
        loop.preconditionInEventLoop()
        listeners.remove(listener)
    }

    /// Removes every handler of every event.
    public func removeAllListeners() {
        loop.preconditionInEventLoop()
        listeners.events.removeAll()
    }

    /// Calls `handler` for every event the client emits, before the event's own handlers.
    ///
    /// - Parameter handler: Called with the event's name and arguments.
    /// - Returns: The listener, for ``offAny(_:)``.
    @discardableResult
    public func onAny(_ handler: @escaping SocketIOAnyHandler) -> SocketIOListener {
        loop.preconditionInEventLoop()
        let id = listeners.nextID()
        listeners.any.append(.init(id: id, handler: handler))
        return SocketIOListener(id: id)
    }

    /// Like ``onAny(_:)``, but called before the handlers already there.
    ///
    /// - Parameter handler: Called with the event's name and arguments.
    /// - Returns: The listener.
    @discardableResult
    public func prependAny(_ handler: @escaping SocketIOAnyHandler) -> SocketIOListener {
        loop.preconditionInEventLoop()
        let id = listeners.nextID()
        listeners.any.insert(.init(id: id, handler: handler), at: 0)
        return SocketIOListener(id: id)
    }

    /// Removes one catch-all handler, or all of them.
    ///
    /// - Parameter listener: The one to remove; `nil` removes all.
    public func offAny(_ listener: SocketIOListener? = nil) {
        loop.preconditionInEventLoop()
        if let listener {
            listeners.any.removeAll { $0.id == listener.id }
        } else {
            listeners.any.removeAll()
        }
    }

    /// Calls `handler` for every event this socket sends, broadcasts included.
    ///
    /// - Parameter handler: Called with the event's name and arguments.
    /// - Returns: The listener, for ``offAnyOutgoing(_:)``.
    @discardableResult
    public func onAnyOutgoing(_ handler: @escaping SocketIOAnyHandler) -> SocketIOListener {
        loop.preconditionInEventLoop()
        let id = listeners.nextID()
        listeners.anyOutgoing.append(.init(id: id, handler: handler))
        return SocketIOListener(id: id)
    }

    /// Like ``onAnyOutgoing(_:)``, but called before the handlers already there.
    ///
    /// - Parameter handler: Called with the event's name and arguments.
    /// - Returns: The listener.
    @discardableResult
    public func prependAnyOutgoing(_ handler: @escaping SocketIOAnyHandler) -> SocketIOListener {
        loop.preconditionInEventLoop()
        let id = listeners.nextID()
        listeners.anyOutgoing.insert(.init(id: id, handler: handler), at: 0)
        return SocketIOListener(id: id)
    }

    /// Removes one outgoing catch-all handler, or all of them.
    ///
    /// - Parameter listener: The one to remove; `nil` removes all.
    public func offAnyOutgoing(_ listener: SocketIOListener? = nil) {
        loop.preconditionInEventLoop()
        if let listener {
            listeners.anyOutgoing.removeAll { $0.id == listener.id }
        } else {
            listeners.anyOutgoing.removeAll()
        }
    }

    /// Calls `handler` when the socket is about to leave, or has left.
    ///
    /// - Parameters:
    ///   - event: `.disconnecting` (rooms still there) or `.disconnect`.
    ///   - handler: Called with the reason.
    public func on(_ event: LifecycleEvent, _ handler: @escaping (SocketIODisconnectReason) -> Void)
    {
        loop.preconditionInEventLoop()
        switch event {
        case .disconnecting: listeners.disconnecting.append(handler)
        case .disconnect: listeners.disconnect.append(handler)
        }
    }

    /// Calls `handler` when a packet middleware (``use(_:)``) refuses a packet.
    ///
    /// - Parameters:
    ///   - event: `.error`.
    ///   - handler: Called with the middleware's error.
    public func on(_ event: ErrorEvent, _ handler: @escaping (any Error) -> Void) {
        loop.preconditionInEventLoop()
        listeners.error.append(handler)
    }

    /// Tells the outgoing catch-all handlers about an event being sent.
    func notifyOutgoing(_ event: String?, _ arguments: [SocketIOValue]) {
        guard let event, !listeners.anyOutgoing.isEmpty else { return }
        for entry in listeners.anyOutgoing { entry.handler(event, arguments) }
    }
}
