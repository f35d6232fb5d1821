import HTTP

extension HTTPRouter {
    /// Serves Engine.IO at `path` (usually `/engine.io/`, or `/socket.io/` under
    /// Socket.IO): every method goes to `server`, which answers the protocol's own
    /// refusals (a `PUT` handshake gets the protocol's `400`, not the router's `405`).
    ///
    /// - Parameters:
    ///   - path: The exact path; the query carries the rest.
    ///   - server: The Engine.IO server.
    public mutating func engineIO(_ path: String, _ server: EngineIOServer) {
        for method: HTTPMethod in [.get, .post, .options, .put, .delete, .patch] {
            add(method, path, server)
        }
    }
}
