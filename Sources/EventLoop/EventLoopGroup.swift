import Synchronization
import SystemCalls

/// Several event loops, one thread each, sharing the work of a server.
///
/// One loop uses one core. A group of one loop per core lets a server use the whole
/// machine while each connection still lives on exactly one loop, so its state needs no
/// lock. ``next()`` hands out loops in turn (round-robin), which is how a server spreads
/// the connections it accepts.
public final class EventLoopGroup: Sendable {
    /// The loops, each running on its own thread.
    public let loops: [EventLoop]
    private let counter = Atomic<Int>(0)

    /// Starts `loopCount` loops.
    ///
    /// - Parameters:
    ///   - loopCount: How many loops; one per online processor by default.
    ///   - selectorKind: The readiness API for every loop.
    ///   - clock: The clock for every loop's timers.
    /// - Throws: ``SystemCallError`` if a loop cannot start; loops already started are
    ///   stopped again.
    public init(
        loopCount: Int = SystemInfo.activeProcessorCount,
        selectorKind: SelectorKind = .platformDefault,
        clock: any EventLoopClock = SystemClock()
    ) throws(SystemCallError) {
        precondition(loopCount > 0, "a group needs at least one loop")
        var loops: [EventLoop] = []
        do {
            for index in 0..<loopCount {
                loops.append(
                    try EventLoop(name: "loop-\(index)", selectorKind: selectorKind, clock: clock)
                )
            }
        } catch {
            for loop in loops { try? loop.shutdown() }
            throw error
        }
        self.loops = loops
    }

    /// Groups loops that are already running, such as loops built around a selector of
    /// your own (``EventLoop/init(name:selector:kind:clock:)``).
    ///
    /// - Parameter loops: At least one running loop; the group shuts them down.
    public init(loops: [EventLoop]) {
        precondition(!loops.isEmpty, "a group needs at least one loop")
        self.loops = loops
    }

    /// The next loop in turn.
    public func next() -> EventLoop {
        let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return loops[index % loops.count]
    }

    /// Whether the caller runs on one of this group's loops.
    public var inAnyLoop: Bool { loops.contains { $0.inEventLoop } }

    /// Stops every loop and waits for their threads.
    ///
    /// Not from one of the group's loops.
    ///
    /// - Throws: ``SystemCallError`` if a thread cannot be joined.
    public func shutdown() throws(SystemCallError) {
        for loop in loops { try loop.shutdown() }
    }
}
