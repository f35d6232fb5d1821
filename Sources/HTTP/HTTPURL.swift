/// The parts of an `http://` URL that a client needs.
public struct HTTPURL: Hashable, Sendable {
    /// The host name or address, without brackets.
    public var host: String
    /// The port; 80 if the URL names none.
    public var port: UInt16
    /// The path and query, such as `/search?q=swift`.
    public var target: String

    /// Parses `http://host[:port][/path][?query]`; `[::1]` for IPv6.
    ///
    /// - Parameter url: The URL.
    /// - Throws: ``HTTPClientError/invalidURL(_:)``.
    public init(_ url: String) throws(HTTPClientError) {
        guard url.lowercased().hasPrefix("http://") else { throw .invalidURL(url) }
        let rest = url.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var host = Substring(authority)
        var port: UInt16 = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let number = UInt16(after.dropFirst()) else { throw .invalidURL(url) }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            guard let number = UInt16(authority[authority.index(after: colon)...]) else {
                throw .invalidURL(url)
            }
            host = authority[..<colon]
            port = number
        }
        guard !host.isEmpty else { throw .invalidURL(url) }
        self.host = String(host)
        self.port = port
        self.target = target
    }

    /// `host:port` as the `Host` field writes it.
    public var hostField: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
