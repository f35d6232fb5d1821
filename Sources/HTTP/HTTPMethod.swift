/// An HTTP request method (RFC 9110 §9), such as `GET` or `POST`.
///
/// A method is a case-sensitive token: `get` is a different (and unknown) method from
/// `GET`. The type is a struct around the name rather than an enum because HTTP allows
/// methods we have never heard of (`PROPFIND`, `PURGE`); a server must answer them
/// (usually `405` or `501`), not fail to parse them.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The method's name exactly as sent, such as `GET`.
    public let rawValue: String

    /// Wraps a method name.
    ///
    /// - Parameter rawValue: The name; HTTP says it must be a token (RFC 9110 §9.1).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a method name written in the source.
    ///
    /// - Parameter value: The name.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The name.
    public var description: String { rawValue }

    /// `GET`: transfer a representation of the target (RFC 9110 §9.3.1).
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`: like `GET`, but the response carries no body (RFC 9110 §9.3.2).
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`: let the target process the enclosed body (RFC 9110 §9.3.3).
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`: replace the target with the enclosed body (RFC 9110 §9.3.4).
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `DELETE`: remove the target (RFC 9110 §9.3.5).
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `CONNECT`: open a tunnel (RFC 9110 §9.3.6); its target is `host:port`.
    public static let connect = HTTPMethod(rawValue: "CONNECT")
    /// `OPTIONS`: ask what the target supports; a CORS preflight (RFC 9110 §9.3.7).
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    /// `TRACE`: echo the request back (RFC 9110 §9.3.8).
    public static let trace = HTTPMethod(rawValue: "TRACE")
    /// `PATCH`: apply a partial change (RFC 5789).
    public static let patch = HTTPMethod(rawValue: "PATCH")

    /// Whether sending the request twice has the same effect as once (RFC 9110 §9.2.2),
    /// so a client may retry it after the connection failed.
    public var isIdempotent: Bool {
        [.get, .head, .put, .delete, .options, .trace].contains(self)
    }
}

/// The protocol version of a message: `HTTP/1.0` or `HTTP/1.1` on this layer.
///
/// The version decides defaults that matter: an HTTP/1.1 connection stays open unless
/// someone says `Connection: close`; an HTTP/1.0 one closes unless the client asked for
/// `keep-alive` (RFC 9112 §9.3). An HTTP/1.0 client also cannot read a chunked body.
public struct HTTPVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The digit before the dot.
    public var major: Int
    /// The digit after the dot.
    public var minor: Int

    /// A version.
    ///
    /// - Parameters:
    ///   - major: The digit before the dot.
    ///   - minor: The digit after the dot.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `HTTP/1.0` (RFC 1945).
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// `HTTP/1.1` (RFC 9112).
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    /// `HTTP/1.1`.
    public var description: String { "HTTP/\(major).\(minor)" }

    /// Orders versions: 1.0 before 1.1.
    public static func < (lhs: HTTPVersion, rhs: HTTPVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
