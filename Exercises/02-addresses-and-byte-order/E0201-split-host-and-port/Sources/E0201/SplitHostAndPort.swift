// Exercise 2.1: split "host:port", IPv6 brackets and all.
// Read the task in ../../README.md; check it with `swift run grade 2.1`.

import ExerciseSupport
import Sockets

/// Splits `"127.0.0.1:8080"` or `"[::1]:8080"` into its host and its port.
///
/// The last `:` separates the port, except that an IPv6 address is full of colons, so
/// it is written inside brackets (RFC 3986 §3.2.2) and the port follows the `]`.
///
/// The library's version declares `throws(SocketAddressError)`; this one says plain
/// `throws` so that the starter can throw ``Unimplemented``. With plain `throws`, write the
/// type out: `throw SocketAddressError.missingPort(text)`.
///
/// - Parameter text: `host:port`, or `[ipv6]:port`.
/// - Returns: The host without brackets, and the port.
/// - Throws: ``SocketAddressError``: `missingPort` with the whole text, `invalidPort` with
///   the port's text, `invalidBrackets` with the whole text.
public func splitHostAndPort(_ text: String) throws -> (host: String, port: UInt16) {
    // TODO(E0201): find the host and the port's text (brackets first, else the last colon),
    // then check the port: only the digits 0-9, and at most 65535.
    throw Unimplemented("E0201: splitHostAndPort(_:)")
}
