import EventLoop
import Sockets
import Synchronization

// snippet: loop-room
/// The room, spread over the group's loops: each loop keeps the members it serves.
///
/// A connection and its member live on one loop, so each loop's member list is touched
/// only by that loop and needs no lock. A line is delivered to the sender's own loop
/// directly, and to each other loop with one ``EventLoop/execute(_:)``: one hop per
/// *loop*, not per member.
final class ChatRoom: Sendable {
    private let membersByLoop: [ObjectIdentifier: LoopBound<[ObjectIdentifier: ChatMember]>]
    private let guestNumbers = Atomic<Int>(0)

    init(group: EventLoopGroup) {
        var members: [ObjectIdentifier: LoopBound<[ObjectIdentifier: ChatMember]>] = [:]
        for loop in group.loops {
            members[ObjectIdentifier(loop)] = LoopBound(handingOver: [:], to: loop)
        }
        membersByLoop = members
    }

    func nextGuestName() -> String {
        "guest-\(guestNumbers.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    /// Adds `member`; call on its loop.
    func join(_ member: ChatMember) {
        membersByLoop[ObjectIdentifier(member.loop)]?.value[ObjectIdentifier(member)] = member
    }

    /// Removes `member`; call on its loop.
    func leave(_ member: ChatMember) {
        membersByLoop[ObjectIdentifier(member.loop)]?.value[ObjectIdentifier(member)] = nil
    }

    /// Sends `line` to every member except `sender`; call on the sender's loop.
    func broadcast(_ line: [UInt8], from sender: ChatMember?) {
        let senderID = sender.map(ObjectIdentifier.init)
        for members in membersByLoop.values {
            if members.loop.inEventLoop {
                Self.deliver(line, to: members.value, except: senderID)
            } else {
                members.loop.execute { Self.deliver(line, to: members.value, except: senderID) }
            }
        }
    }

    private static func deliver(
        _ line: [UInt8],
        to members: [ObjectIdentifier: ChatMember],
        except sender: ObjectIdentifier?
    ) {
        for (id, member) in members where id != sender { member.send(line) }
    }
}
// end-snippet
