// Exercise 2.2, solved: the C structure the kernel takes for an IPv4 address.
// The library's version is `SocketAddress.init(ipv4:port:)` in Sources/Sockets/SocketAddress.swift.

import ExerciseSupport
import Libc
import SystemCalls

/// Builds the `sockaddr_in` for an IPv4 address and a port, ready for `bind(2)` or
/// `connect(2)`.
///
/// - Parameters:
///   - bytes: The address, most significant byte first: `(127, 0, 0, 1)`.
///   - port: The port, `0` to let the kernel pick one when binding.
/// - Returns: The C structure.
/// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
public func makeSocketAddress(ipv4 bytes: (UInt8, UInt8, UInt8, UInt8), port: UInt16) throws
    -> sockaddr_in
{
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian  // htons(3): host to network byte order
    // The 32-bit address is stored as the four bytes in order, i.e. big-endian.
    let value =
        UInt32(bytes.0) << 24 | UInt32(bytes.1) << 16 | UInt32(bytes.2) << 8 | UInt32(bytes.3)
    address.sin_addr.s_addr = value.bigEndian
    return address
}
