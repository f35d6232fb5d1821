// Exercise 2.1, solved: split "host:port", IPv6 brackets and all.
// The library's version is in Sources/Sockets/SocketAddress+Parsing.swift.

import ExerciseSupport
import Sockets

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
