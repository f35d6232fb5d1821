import SystemCalls

/// Everything an ``EventLoop`` owns, touched only on its thread.
final class LoopState {
    /// The tag of the loop's own wake-up descriptor; no real registration has it.
    static let wakeUpTag = UInt64.max

    /// One registered descriptor.
    struct Entry {
        var generation: UInt32
        var interest: Interest
        var handler: any ReadinessHandler
    }

    let selector: any Selector
    /// The time at the start of the current iteration, read once per wake-up.
    var now: LoopInstant
    var timers = TimerQueue<TimerTask>()
    /// Registrations indexed by descriptor number: descriptors are small integers, so an
    /// array is the fastest map from number to handler.
    private var entries: [Entry?] = []
    private var nextGeneration: UInt32 = 0
    /// The buffer every connection on this loop reads into before copying out exactly
    /// what arrived: one 64 KiB buffer per loop instead of one per connection.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(selector: any Selector, now: LoopInstant) {
        self.selector = selector
        self.now = now
    }

    deinit {
        readBuffer.deallocate()
    }

    // MARK: Registrations

    func register(
        _ descriptor: FileDescriptor,
        interest: Interest,
        handler: any ReadinessHandler
    ) throws(SystemCallError) -> Registration {
        let index = Int(descriptor.rawValue)
        if index >= entries.count {
            entries.append(contentsOf: repeatElement(nil, count: index + 1 - entries.count))
        }
        precondition(entries[index] == nil, "\(descriptor) is already registered")
        nextGeneration &+= 1
        let registration = Registration(descriptor: descriptor, generation: nextGeneration)
        try selector.register(descriptor, interest: interest, tag: registration.tag)
        entries[index] = Entry(generation: nextGeneration, interest: interest, handler: handler)
        return registration
    }

    func setInterest(_ interest: Interest, for registration: Registration) throws(SystemCallError) {
        let index = Int(registration.descriptor.rawValue)
        guard var entry = entries[index], entry.generation == registration.generation else {
            preconditionFailure("\(registration.descriptor) is not registered")
        }
        if entry.interest == interest { return }
        try selector.reregister(registration.descriptor, interest: interest, tag: registration.tag)
        entry.interest = interest
        entries[index] = entry
    }

    func interest(of registration: Registration) -> Interest {
        entries[Int(registration.descriptor.rawValue)]?.interest ?? []
    }

    func deregister(_ registration: Registration) {
        let index = Int(registration.descriptor.rawValue)
        guard index < entries.count, let entry = entries[index],
            entry.generation == registration.generation
        else { return }
        entries[index] = nil
        // Can only fail if the descriptor is already closed, which would be our bug;
        // the entry is gone from our table either way.
        try? selector.deregister(registration.descriptor)
    }

    var registrationCount: Int { entries.lazy.filter { $0 != nil }.count }

    // snippet: dispatch
    /// Hands one readiness report to its handler, unless the report is stale.
    ///
    /// A report is stale when its descriptor was deregistered earlier in the same batch
    /// of events, and perhaps already reused by a new connection: the generation in the
    /// tag then no longer matches the one registered under that number.
    func dispatch(tag: UInt64, _ readiness: Readiness) {
        let index = Int(tag & 0xFFFF_FFFF)
        let generation = UInt32(tag >> 32)
        guard index < entries.count, let entry = entries[index], entry.generation == generation
        else { return }
        entry.handler.handleReadiness(readiness)
    }
    // end-snippet

    // MARK: Timers

    func runDueTimers() {
        while let (id, task) = timers.popDue(at: now) {
            switch task {
            case .once(let body):
                body()
            case .repeating(let interval, let body):
                // Reschedule first, so the body can cancel its own timer.
                timers.schedule(at: now + interval, task, id: id)
                body()
            }
        }
    }

    // MARK: Stopping

    func stop() {
        for entry in entries { entry?.handler.loopWillStop() }
        entries.removeAll()
        timers = TimerQueue()
        selector.close()
    }
}

/// A timer's work.
enum TimerTask {
    case once(() -> Void)
    case repeating(Duration, () -> Void)
}

/// A descriptor registered with a loop; hand it back to change interest or deregister.
public struct Registration: Hashable, Sendable {
    /// The registered descriptor.
    public let descriptor: FileDescriptor
    let generation: UInt32

    /// The 64 bits the selector returns with each event: generation, then descriptor.
    var tag: UInt64 { UInt64(generation) << 32 | UInt64(UInt32(bitPattern: descriptor.rawValue)) }
}
