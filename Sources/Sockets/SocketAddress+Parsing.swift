import Libc
import SystemCalls

/// Why a piece of text is not a socket address.
public enum SocketAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There was no `:port` at the end.
    case missingPort(String)
    /// The port was not a number from 0 to 65535.
    case invalidPort(String)
    /// An IPv6 address opened `[` without closing it, or had text after `]` that is not
    /// `:port`.
    case invalidBrackets(String)
    /// The host is not a numeric IPv4 or IPv6 address.
    case notAnIPAddress(String)
    /// Name resolution failed.
    case resolutionFailed(AddressInfoError)
    /// The name resolved, but to no address.
    case noAddresses(String)

    /// A message that quotes the offending text.
    public var description: String {
        switch self {
        case .missingPort(let text): "no port in \(text.debugDescription) (expected host:port)"
        case .invalidPort(let text): "invalid port \(text.debugDescription) (expected 0...65535)"
        case .invalidBrackets(let text):
            "bad brackets in \(text.debugDescription) (IPv6 is written [::1]:8080)"
        case .notAnIPAddress(let text): "\(text.debugDescription) is not an IPv4 or IPv6 address"
        case .resolutionFailed(let error): error.description
        case .noAddresses(let host): "\(host.debugDescription) has no IPv4 or IPv6 address"
        }
    }
}

// snippet: host-and-port
/// Splits `"127.0.0.1:8080"` or `"[::1]:8080"` into its host and its port.
///
/// The last `:` separates the port, except that an IPv6 address is full of colons, so
/// it is written inside brackets (RFC 3986 §3.2.2) and the port follows the `]`.
///
/// - Parameter text: `host:port`, or `[ipv6]:port`.
/// - Returns: The host without brackets, and the port.
/// - Throws: ``SocketAddressError``.
public func splitHostAndPort(_ text: String) throws(SocketAddressError) -> (
    host: String, port: UInt16
) {
    let host: Substring
    let portText: Substring
    if text.hasPrefix("[") {
        guard let close = text.firstIndex(of: "]") else { throw .invalidBrackets(text) }
        host = text[text.index(after: text.startIndex)..<close]
        let rest = text[text.index(after: close)...]
        guard rest.hasPrefix(":") else {
            throw rest.isEmpty ? .missingPort(text) : .invalidBrackets(text)
        }
        portText = rest.dropFirst()
    } else {
        guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
        host = text[..<colon]
        portText = text[text.index(after: colon)...]
        if host.contains(":") { throw .invalidBrackets(text) }  // bare IPv6 needs brackets
    }
    guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
        let port = UInt16(portText)
    else { throw .invalidPort(String(portText)) }
    return (String(host), port)
}
// end-snippet

extension SocketAddress {
    /// Parses `"127.0.0.1:8080"` or `"[::1]:8080"`; the host must be numeric.
    ///
    /// - Parameter text: `host:port` with a numeric host.
    /// - Throws: ``SocketAddressError``.
    public init(parsing text: String) throws(SocketAddressError) {
        let (host, port) = try splitHostAndPort(text)
        try self.init(numericHost: host, port: port)
    }

    /// Makes an address from a numeric host (`"127.0.0.1"`, `"::1"`) and a port.
    ///
    /// The C function is `inet_pton(3)` ("presentation to network"), which turns the text
    /// form into the address bytes, in network order, ready for a `sockaddr`.
    ///
    /// - Parameters:
    ///   - host: A numeric IPv4 or IPv6 address.
    ///   - port: The port.
    /// - Throws: ``SocketAddressError/notAnIPAddress(_:)``.
    public init(numericHost host: String, port: UInt16) throws(SocketAddressError) {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            let bytes = withUnsafeBytes(of: &ipv4) { Array($0) }
            self.init(ipv4: (bytes[0], bytes[1], bytes[2], bytes[3]), port: port)
            return
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, host, &ipv6) == 1 {
            self.init(ipv6: withUnsafeBytes(of: &ipv6) { Array($0) }, port: port)
            return
        }
        throw .notAnIPAddress(host)
    }

    /// Resolves a host name (or numeric address) to every address it has.
    ///
    /// - Parameters:
    ///   - host: `"localhost"`, `"example.com"`, `"127.0.0.1"`, ...
    ///   - port: The port to use.
    /// - Returns: The addresses in the order `getaddrinfo(3)` recommends trying them.
    /// - Throws: ``SocketAddressError/resolutionFailed(_:)`` or
    ///   ``SocketAddressError/noAddresses(_:)``.
    public static func resolve(host: String, port: UInt16) throws(SocketAddressError)
        -> [SocketAddress]
    {
        let found: [sockaddr_storage]
        do {
            found = try AddressInfo.lookup(host: host, port: port)
        } catch {
            throw .resolutionFailed(error)
        }
        var addresses: [SocketAddress] = []
        for storage in found {
            if let address = SocketAddress(storage), !addresses.contains(address) {
                addresses.append(address)
            }
        }
        if addresses.isEmpty { throw .noAddresses(host) }
        return addresses
    }

    /// The address to use for `host` and `port`: numeric hosts as written, names resolved.
    ///
    /// - Parameters:
    ///   - host: A numeric address or a name.
    ///   - port: The port.
    /// - Returns: The numeric address, or the first address the name resolves to.
    /// - Throws: ``SocketAddressError``.
    public static func lookup(host: String, port: UInt16) throws(SocketAddressError)
        -> SocketAddress
    {
        if let numeric = try? SocketAddress(numericHost: host, port: port) { return numeric }
        let all = try resolve(host: host, port: port)
        guard let first = all.first else { throw .noAddresses(host) }
        return first
    }
}
