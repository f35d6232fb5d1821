/// The middleware hooks a response passes through, innermost first: a linked list, so
/// adding one does not copy the others.
final class ResponseHooks: Sendable {
    /// What a hook may do.
    enum Hook: Sendable {
        /// Change the head before it is sent (add CORS fields, for instance).
        case head(@Sendable (inout HTTPResponseHead) -> Void)
        /// Learn that the response ended: its status and how many body bytes were sent.
        case completion(@Sendable (HTTPStatus, Int) -> Void)
    }

    let hook: Hook
    let next: ResponseHooks?

    init(_ hook: Hook, next: ResponseHooks?) {
        self.hook = hook
        self.next = next
    }

    /// Runs every head hook on `head`.
    func apply(to head: inout HTTPResponseHead) {
        var current: ResponseHooks? = self
        while let node = current {
            if case .head(let transform) = node.hook { transform(&head) }
            current = node.next
        }
    }

    /// Tells every completion hook.
    func complete(status: HTTPStatus, bodyBytes: Int) {
        var current: ResponseHooks? = self
        while let node = current {
            if case .completion(let observe) = node.hook { observe(status, bodyBytes) }
            current = node.next
        }
    }
}
