/// The answer to an event the client emitted with a callback: call it with the values to
/// send back.
///
/// ```swift
/// socket.on("message-with-ack") { args, ack in
///     ack?(args)   // ACK with the same arguments
/// }
/// ```
///
/// It sends once; calling it again does nothing (the client's callback is gone after the
/// first answer). It may be called from any thread (after an `await`, say): it carries
/// the answer to the socket's loop. If the socket has left by then, nothing is sent.
public struct SocketIOAck: Sendable {
    /// Whether the answer went; on the socket's loop only.
    ///
    /// Why `@unchecked Sendable` is safe: `sent` is read and written in `send(_:)`'s
    /// body, which runs on the socket's loop only.
    private final class State: @unchecked Sendable {
        var sent = false
    }

    let socket: SocketIOSocket
    /// The id the client's event carried.
    public let id: Int
    private let state = State()

    init(socket: SocketIOSocket, id: Int) {
        self.socket = socket
        self.id = id
    }

    /// Answers with `values`.
    ///
    /// - Parameter values: The answer's arguments (none is `[]`).
    public func callAsFunction(_ values: SocketIOValue...) {
        send(values)
    }

    /// Answers with an array of values.
    ///
    /// - Parameter values: The answer's arguments.
    public func send(_ values: [SocketIOValue]) {
        let (socket, id, state) = (self.socket, self.id, self.state)
        let answer: @Sendable () -> Void = {
            guard !state.sent else { return }
            state.sent = true
            socket.sendAcknowledgement(id: id, values)
        }
        if socket.loop.inEventLoop { answer() } else { socket.loop.execute(answer) }
    }
}
