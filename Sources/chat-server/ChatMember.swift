import EventLoop
import Sockets

// snippet: chat-member
/// One client of the chat: its connection's handler, on the connection's loop.
final class ChatMember: TCPConnectionHandler {
    let room: ChatRoom
    let loop: EventLoop
    let name: String
    private var connection: TCPConnection?
    private var lines = LineBuffer(maximumLineLength: 4096)

    init(room: ChatRoom, loop: EventLoop) {
        self.room = room
        self.loop = loop
        self.name = room.nextGuestName()
    }

    func send(_ line: [UInt8]) {
        connection?.write(line)  // queued if the client is slow; closed if far too slow
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        self.connection = connection
        connection.write("* welcome, you are \(name)\n")
        room.broadcast(Array("* \(name) joined\n".utf8), from: self)
        room.join(self)
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        do {
            for line in try lines.append(bytes) {
                room.broadcast(Array("\(name): ".utf8) + line + [UInt8(ascii: "\n")], from: self)
            }
        } catch {
            connection.write("* line too long, goodbye\n")
            connection.closeAfterFlushing()
        }
    }

    func connectionShouldShutDown(_ connection: TCPConnection) {
        connection.write("* server shutting down\n")
        connection.closeAfterFlushing()
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        self.connection = nil
        room.leave(self)
        room.broadcast(Array("* \(name) left\n".utf8), from: self)
    }
}
// end-snippet
