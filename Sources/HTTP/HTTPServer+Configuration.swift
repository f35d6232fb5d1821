import EventLoop

extension HTTPServer {
    /// Every limit of the server, each with a default that suits a small public server.
    ///
    /// Each limit answers one way a client can make a server spend too much: too long a
    /// target (`414`), too many or too large header fields (`431`), too large a body
    /// (`413`), too slow a head (`408`), an idle connection held open, too many
    /// connections at once.
    public struct Configuration: Sendable {
        /// Target length, header size and count, body size (see the parser's limits).
        public var limits = HTTPRequestParser.Limits()
        /// How long a request head may take to arrive, from its first byte (`408`).
        public var headerTimeout: Duration = .seconds(10)
        /// How long a connection with nothing in flight stays open (RFC 9112 §9.5).
        public var keepAliveTimeout: Duration = .seconds(5)
        /// Connections beyond this many are accepted and closed at once.
        public var maximumConnections = 10_000
        /// How many requests of one connection may await their answers at once; past
        /// this, the server stops reading that connection until answers go out.
        public var maximumPipelinedRequests = 16
        /// How many body bytes are kept for a handler that has not started reading the
        /// body yet; past this, the server stops reading that connection.
        public var bodyBufferSize = 64 * 1024
        /// Settings for the TCP server underneath (backlog, per-connection buffers).
        public var tcp = TCPServer.Configuration()

        /// The defaults.
        public init() {}
    }
}
