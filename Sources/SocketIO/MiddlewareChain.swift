import EventLoop

/// Runs middlewares one after another, each deciding with `next(nil)` (go on) or
/// `next(error)` (stop), then reports how it ended: the engine of `use` for namespaces
/// and for packets.
///
/// A middleware may call `next` at once or later, from any thread (after a database
/// answered); the chain carries on on its loop either way. A `next` called twice, or
/// after the chain has ended, is ignored: a middleware bug must not run a step twice.
///
/// Why `@unchecked Sendable` is safe: `next` closures capture the chain and may be called
/// from any thread, but they only hop to `loop`; `index` and `isFinished` are read and
/// written in ``advance(after:_:)``'s body, on `loop` only.
final class MiddlewareChain<Failure: Error & Sendable>: @unchecked Sendable {
    /// One middleware, given its `next`.
    typealias Step = (_ next: @escaping @Sendable (Failure?) -> Void) -> Void

    private let loop: EventLoop
    private let steps: [Step]
    private let completion: (Failure?) -> Void
    private var index = 0
    private var isFinished = false

    /// Runs `steps` on `loop` (the caller's), then `completion` with the first failure, or
    /// `nil` if every step went on.
    static func run(_ steps: [Step], on loop: EventLoop, completion: @escaping (Failure?) -> Void) {
        guard !steps.isEmpty else { return completion(nil) }
        MiddlewareChain(loop: loop, steps: steps, completion: completion).advance(after: -1, nil)
    }

    private init(loop: EventLoop, steps: [Step], completion: @escaping (Failure?) -> Void) {
        self.loop = loop
        self.steps = steps
        self.completion = completion
    }

    /// Step `finished` said `failure`: end, or run the next step.
    private func advance(after finished: Int, _ failure: Failure?) {
        guard loop.inEventLoop else {
            return loop.execute { self.advance(after: finished, failure) }
        }
        guard !isFinished, finished == index - 1 else { return }
        if failure != nil || index == steps.count {
            isFinished = true
            return completion(failure)
        }
        let current = index
        index += 1
        let step = steps[current]
        step { [self] failure in advance(after: current, failure) }
    }
}
