/// The four forms a request-target can take (RFC 9112 §3.2), and how to take them apart.
enum RequestTarget {
    /// Checks `target` against the form `method` allows and splits out its path and query.
    ///
    /// - `origin-form` `/path?query`: what clients send to a server directly.
    /// - `absolute-form` `http://host/path?query`: what clients send to a proxy; a server
    ///   must accept it too, and then the host comes from the target, not `Host` (§3.2.2).
    /// - `authority-form` `host:port`: only for `CONNECT`.
    /// - `asterisk-form` `*`: only for `OPTIONS`, meaning the server as a whole.
    ///
    /// - Parameters:
    ///   - target: The request-target as sent.
    ///   - method: The request's method.
    /// - Returns: The path (encoded), the query (encoded, without `?`) and, for the
    ///   absolute and authority forms, the authority.
    /// - Throws: ``HTTPParseError/badTarget(_:)``.
    static func parse(
        _ target: String,
        method: HTTPMethod
    ) throws(HTTPParseError) -> (path: String, query: String?, authority: String?) {
        let bytes = target.utf8
        if bytes.first == UInt8(ascii: "/") {
            let parts = split(Substring(target))
            return (parts.path, parts.query, nil)
        }
        if method == .connect {
            guard !target.contains("/"), target.contains(":") else { throw .badTarget(target) }
            return (target, nil, target)
        }
        if target == "*" {
            guard method == .options else { throw .badTarget(target) }
            return ("*", nil, nil)
        }
        // absolute-form: scheme "://" authority path-abempty [ "?" query ]
        guard let schemeEnd = target.firstRange(of: "://") else { throw .badTarget(target) }
        let scheme = target[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .badTarget(target) }
        let rest = target[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        guard !authority.isEmpty, !authority.contains("@") else { throw .badTarget(target) }
        let parts = split(rest[authorityEnd...])
        return (parts.path.isEmpty ? "/" : parts.path, parts.query, authority)
    }

    /// Splits `/path?query` at the first `?`.
    ///
    /// - Parameter pathAndQuery: A path with an optional query.
    /// - Returns: The path and the query (without `?`), both still encoded.
    static func split(_ pathAndQuery: Substring) -> (path: String, query: String?) {
        guard let mark = pathAndQuery.utf8.firstIndex(of: UInt8(ascii: "?")) else {
            return (String(pathAndQuery), nil)
        }
        let after = pathAndQuery.utf8.index(after: mark)
        return (
            String(Substring(pathAndQuery.utf8[..<mark])),
            String(Substring(pathAndQuery.utf8[after...]))
        )
    }

    /// Whether `host` could be a `Host` value: `uri-host [ ":" port ]` (RFC 9110 §7.2),
    /// checked loosely: visible ASCII with no delimiter that would change its meaning.
    ///
    /// - Parameter host: A `Host` field value.
    /// - Returns: `false` for values such as `a b`, `evil.com/x` or `user@host`.
    static func isPlausibleHost(_ host: String) -> Bool {
        host.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "?")
                && byte != UInt8(ascii: "#") && byte != UInt8(ascii: "@")
                && byte != UInt8(ascii: "\\")
        }
    }
}
