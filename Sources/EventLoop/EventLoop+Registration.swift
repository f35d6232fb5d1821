import SystemCalls

extension EventLoop {
    /// Starts watching `descriptor`; `handler` is called on this loop when it is ready.
    ///
    /// The loop keeps `handler` alive until ``deregister(_:)``. Call on the loop's thread.
    ///
    /// - Parameters:
    ///   - descriptor: A non-blocking descriptor.
    ///   - interest: What to watch for.
    ///   - handler: Who to tell.
    /// - Returns: The registration, to change or end it later.
    /// - Throws: ``SystemCallError`` from the selector.
    public func register(
        _ descriptor: FileDescriptor,
        interest: Interest,
        handler: any ReadinessHandler
    ) throws(SystemCallError) -> Registration {
        try state.register(descriptor, interest: interest, handler: handler)
    }

    /// Changes what a registration watches for.
    ///
    /// Call on the loop's thread.
    ///
    /// - Parameters:
    ///   - interest: The new interest; `[]` keeps the registration but reports only hang-ups.
    ///   - registration: The registration.
    /// - Throws: ``SystemCallError`` from the selector.
    public func setInterest(
        _ interest: Interest,
        for registration: Registration
    ) throws(SystemCallError) {
        try state.setInterest(interest, for: registration)
    }

    /// What a registration watches for now.
    ///
    /// - Parameter registration: The registration.
    /// - Returns: Its interest, `[]` if it is no longer registered.
    public func interest(of registration: Registration) -> Interest {
        state.interest(of: registration)
    }

    /// Stops watching a descriptor and releases its handler.
    ///
    /// Call before closing it.
    ///
    /// - Parameter registration: The registration; ending one twice does nothing.
    public func deregister(_ registration: Registration) {
        state.deregister(registration)
    }

    /// How many descriptors are registered, not counting the loop's own wake-up.
    public var registrationCount: Int { state.registrationCount }

    /// The time at the start of the loop's current iteration: cheaper than asking the
    /// clock, and the same for every handler in one iteration.
    public var now: LoopInstant { state.now }

    /// A 64 KiB buffer for reading, shared by everything on this loop.
    ///
    /// Its contents are valid only until the next read on this loop; copy out what you keep.
    public var sharedReadBuffer: UnsafeMutableRawBufferPointer { state.readBuffer }
}
