// Exercise 2.2: the C structure the kernel takes for an IPv4 address.
// Read the task in ../../README.md; check it with `swift run grade 2.2`.

import ExerciseSupport
import Libc
import SystemCalls

/// Builds the `sockaddr_in` for an IPv4 address and a port, ready for `bind(2)` or
/// `connect(2)`.
///
/// Inside it, the port and the address are in *network byte order* (big-endian), whatever
/// the CPU's own order:
///
/// ```
/// sockaddr_in for 127.0.0.1:8080
/// ┌───────────────┬──────────┬─────────────┬──────────┐
/// │ family AF_INET │ port     │ address     │ zero pad │
/// │ (host order)  │ 1F 90    │ 7F 00 00 01 │ 8 bytes  │
/// └───────────────┴──────────┴─────────────┴──────────┘
/// ```
///
/// This is the body of the library's `SocketAddress.init(ipv4:port:)`, which keeps the
/// structure inside a `SocketAddress` instead of returning it.
///
/// - Parameters:
///   - bytes: The address, most significant byte first: `(127, 0, 0, 1)`.
///   - port: The port, `0` to let the kernel pick one when binding.
/// - Returns: The C structure.
/// - Throws: Nothing once written; the starter throws ``Unimplemented``.
public func makeSocketAddress(ipv4 bytes: (UInt8, UInt8, UInt8, UInt8), port: UInt16) throws
    -> sockaddr_in
{
    // TODO(E0202): start from an all-zero `sockaddr_in()`, set `sin_family`, `sin_port`
    // and `sin_addr.s_addr`, each in the byte order the kernel expects.
    throw Unimplemented("E0202: makeSocketAddress(ipv4:port:)")
}
