import EventLoop
import Synchronization
import WebSockets

// snippet: websocket-room
/// The chat room: every WebSocket in it, spread over the server's loops.
///
/// A WebSocket lives on one loop, so each loop keeps the sockets it serves in a list
/// only that loop touches (no lock). A line reaches the other loops with one
/// ``EventLoop/execute(_:)`` each, however many members they hold: chapter 6's room,
/// with WebSocket messages instead of lines on a TCP stream.
final class ChatRoom: Sendable {
    private let membersByLoop: [ObjectIdentifier: LoopBound<[ObjectIdentifier: WebSocket]>]
    private let guestNumbers = Atomic<Int>(0)

    init(group: EventLoopGroup) {
        var members: [ObjectIdentifier: LoopBound<[ObjectIdentifier: WebSocket]>] = [:]
        for loop in group.loops {
            members[ObjectIdentifier(loop)] = LoopBound(handingOver: [:], to: loop)
        }
        membersByLoop = members
    }

    /// Lets `webSocket` in under `name`; call on the socket's loop.
    ///
    /// What it says goes to everyone, itself included, so a page shows a line once the
    /// server has it.
    func join(_ webSocket: WebSocket, as name: String) {
        let id = ObjectIdentifier(webSocket)
        membersByLoop[ObjectIdentifier(webSocket.loop)]?.value[id] = webSocket
        broadcast("* \(name) joined")
        webSocket.onMessage = { [weak self] _, message in
            guard case .text(let text) = message else { return }
            self?.broadcast("\(name): \(text)")
        }
        webSocket.onClose = { [weak self] webSocket, _, _ in
            self?.membersByLoop[ObjectIdentifier(webSocket.loop)]?.value[id] = nil
            self?.broadcast("* \(name) left")
        }
    }

    /// Sends `line` to every member; call on any loop of the group.
    func broadcast(_ line: String) {
        for members in membersByLoop.values {
            if members.loop.inEventLoop {
                for member in members.value.values { member.send(text: line) }
            } else {
                members.loop.execute {
                    for member in members.value.values { member.send(text: line) }
                }
            }
        }
    }

    /// A name for a member who gave none: `guest-1`, `guest-2`, ...
    func nextGuestName() -> String {
        "guest-\(guestNumbers.wrappingAdd(1, ordering: .relaxed).newValue)"
    }
}
// end-snippet
