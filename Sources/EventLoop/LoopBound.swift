/// A value that may be used only on one event loop's thread, yet passed between threads.
///
/// Swift 6 refuses to let a non-`Sendable` value (a connection, a parser) cross into a
/// closure that may run on another thread, because two threads could then touch it at
/// once. But the common pattern is safe: another thread hands the value *back to its
/// loop* with ``EventLoop/execute(_:)``, and only the loop touches it. `LoopBound` states
/// that rule in the type and checks it at run time, as SwiftNIO's `NIOLoopBound` does:
/// ``value`` traps unless the caller is on ``loop``'s thread.
///
/// ```swift
/// let bound = LoopBound(connection, on: connection.loop)
/// DispatchQueue.global().async {
///     let reply = slowComputation()
///     bound.loop.execute { bound.value.write(reply) }
/// }
/// ```
public final class LoopBound<Value>: @unchecked Sendable {
    // Why `@unchecked Sendable` is safe here: `storage` is set in `init` either on the
    // loop's own thread or from a `sending` value no one else can reach, and afterwards
    // only read or written through `value`, whose getter and setter both trap unless the
    // current thread is `loop`'s. So only the loop's thread ever touches it.

    /// The loop whose thread owns the value.
    public let loop: EventLoop
    private var storage: Value

    /// Binds `value`, which the caller on `loop`'s thread holds, to that loop.
    ///
    /// - Parameters:
    ///   - value: A value that lives on `loop`.
    ///   - loop: Its owner; the caller must be on its thread.
    public init(_ value: Value, on loop: EventLoop) {
        loop.preconditionInEventLoop()
        self.loop = loop
        self.storage = value
    }

    /// Hands `value` over to `loop`, from any thread.
    ///
    /// `sending` means the caller gives the value up and keeps no other reference to it,
    /// so from now on only the loop can reach it.
    ///
    /// - Parameters:
    ///   - value: A value no one else references.
    ///   - loop: Its new owner.
    public init(handingOver value: sending Value, to loop: EventLoop) {
        self.loop = loop
        self.storage = value
    }

    // snippet: loop-bound-value
    /// The value.
    ///
    /// Traps when used off the loop's thread.
    public var value: Value {
        get {
            loop.preconditionInEventLoop()
            return storage
        }
        set {
            loop.preconditionInEventLoop()
            storage = newValue
        }
    }
    // end-snippet
}
