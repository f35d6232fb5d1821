/// The status code a close frame carries (RFC 6455 §7.4).
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The number on the wire.
    public let rawValue: UInt16

    /// Wraps a code.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// 1000: the purpose of the connection is fulfilled.
    public static let normalClosure = WebSocketCloseCode(rawValue: 1000)
    /// 1001: the endpoint is going away (a server shutting down, a page navigated away).
    public static let goingAway = WebSocketCloseCode(rawValue: 1001)
    /// 1002: the peer broke the protocol.
    public static let protocolError = WebSocketCloseCode(rawValue: 1002)
    /// 1003: a kind of data the endpoint cannot accept (binary for a text-only server).
    public static let unsupportedData = WebSocketCloseCode(rawValue: 1003)
    /// 1005: no code was present.
    ///
    /// Reported locally; never sent.
    public static let noStatusReceived = WebSocketCloseCode(rawValue: 1005)
    /// 1006: the connection dropped without a close frame.
    ///
    /// Reported locally; never sent.
    public static let abnormalClosure = WebSocketCloseCode(rawValue: 1006)
    /// 1007: a text message was not valid UTF-8.
    public static let invalidPayloadData = WebSocketCloseCode(rawValue: 1007)
    /// 1008: a message broke the endpoint's policy.
    public static let policyViolation = WebSocketCloseCode(rawValue: 1008)
    /// 1009: a message was too big to process.
    public static let messageTooBig = WebSocketCloseCode(rawValue: 1009)
    /// 1011: the server hit an unexpected condition.
    public static let internalError = WebSocketCloseCode(rawValue: 1011)

    // snippet: close-code-validity
    /// Whether an endpoint may send this code in a close frame (RFC 6455 §7.4.1–2).
    ///
    /// 1000–1003 and 1007–1011 are defined for use; 1004 is reserved, and 1005, 1006 and
    /// 1015 exist only to report what happened locally. 1012–1014 were registered with
    /// IANA later (restart, try again later, bad gateway). 3000–3999 belong to libraries
    /// and frameworks, 4000–4999 to applications. Everything else is invalid.
    public var isValidOnTheWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
    // end-snippet

    /// `1000 (normal closure)`.
    public var description: String {
        let names: [UInt16: String] = [
            1000: "normal closure", 1001: "going away", 1002: "protocol error",
            1003: "unsupported data", 1005: "no status", 1006: "abnormal closure",
            1007: "invalid payload data", 1008: "policy violation", 1009: "message too big",
            1011: "internal error",
        ]
        return names[rawValue].map { "\(rawValue) (\($0))" } ?? "\(rawValue)"
    }
}
