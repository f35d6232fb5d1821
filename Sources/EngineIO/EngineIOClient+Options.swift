import EventLoop
import HTTP

extension EngineIOClient {
    /// How a client connects, as the JavaScript client's options name it.
    public struct Options: Sendable {
        /// The server's Engine.IO path (`path`).
        public var path = "/engine.io/"
        /// The transports to use, in order (`transports`): the first opens the session.
        ///
        /// `[.polling, .websocket]` polls first and upgrades; `[.websocket]` opens with a
        /// WebSocket; `[.polling]` never upgrades.
        public var transports: [EngineIOTransport] = [.polling, .websocket]
        /// Whether to try the upgrade to a WebSocket when the server offers it
        /// (`upgrade`).
        public var upgrade = true
        /// Extra query parameters sent with every request (`query`).
        public var query: [(name: String, value: String)] = []
        /// Extra header fields sent with every request (`extraHeaders`).
        public var extraHeaders = HTTPHeaders()
        /// How long the handshake may take before the client gives up.
        public var connectTimeout: Duration = .seconds(20)
        /// The TCP connections' settings.
        public var tcp = TCPConnection.Configuration()
        /// The packet and payload codecs: the library's own, unless the course swaps in a
        /// learner's (see ``EngineIOParts``; a client has no use for the other two).
        public var parts = EngineIOParts()

        /// The JavaScript client's defaults: poll, then upgrade.
        public init() {}
    }
}
