import Libc
import SystemCalls

/// An IPv4 or IPv6 address with a port: where a socket is bound or connected.
///
/// The kernel takes addresses as C structures whose first field says which kind they are:
/// `sockaddr_in` (IPv4: 4 address bytes) or `sockaddr_in6` (IPv6: 16 bytes), both passed
/// to `bind(2)` and `connect(2)` as a pointer to their common prefix, `sockaddr`. Inside
/// them, the port and the address are stored in *network byte order* (big-endian): the
/// port 8080 (`0x1F90`) is the bytes `1F 90`, whatever the CPU's own order.
///
/// ```
/// sockaddr_in for 127.0.0.1:8080
/// +----------------+----------+-------------+----------+
/// | family AF_INET | port     | address     | zero pad |
/// | (host order)   | 1F 90    | 7F 00 00 01 | 8 bytes  |
/// +----------------+----------+-------------+----------+
/// ```
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family: which of the two C structures is inside.
    public enum Family: Sendable, Hashable {
        /// `AF_INET`, a `sockaddr_in`.
        case ipv4
        /// `AF_INET6`, a `sockaddr_in6`.
        case ipv6

        /// The C constant, for `socket(2)`'s first argument.
        public var code: CInt {
            switch self {
            case .ipv4: AF_INET
            case .ipv6: AF_INET6
            }
        }
    }

    private enum Storage: Sendable {
        case ipv4(sockaddr_in)
        case ipv6(sockaddr_in6)
    }

    private let storage: Storage

    // snippet: ipv4-address
    /// An IPv4 address from its four bytes, most significant first, and a port.
    ///
    /// - Parameters:
    ///   - bytes: The address, for example `(127, 0, 0, 1)`.
    ///   - port: The port, `0` to let the kernel pick one when binding.
    public init(ipv4 bytes: (UInt8, UInt8, UInt8, UInt8), port: UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian  // htons(3): host to network byte order
        // The 32-bit address is stored as the four bytes in order, i.e. big-endian.
        let value =
            UInt32(bytes.0) << 24 | UInt32(bytes.1) << 16 | UInt32(bytes.2) << 8 | UInt32(bytes.3)
        address.sin_addr.s_addr = value.bigEndian
        storage = .ipv4(address)
    }
    // end-snippet

    /// An IPv6 address from its sixteen bytes and a port.
    ///
    /// - Parameters:
    ///   - bytes: The 16 address bytes, most significant first.
    ///   - port: The port.
    public init(ipv6 bytes: [UInt8], port: UInt16) {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = port.bigEndian
        withUnsafeMutableBytes(of: &address.sin6_addr) { raw in
            raw.copyBytes(from: bytes)
        }
        storage = .ipv6(address)
    }

    /// Reads a `sockaddr_in` or `sockaddr_in6` out of the storage `getsockname(2)` fills.
    ///
    /// It fails, giving `nil`, for any other family (Unix-domain sockets, for instance).
    ///
    /// - Parameter storage: A C address of family `AF_INET` or `AF_INET6`.
    public init?(_ storage: sockaddr_storage) {
        var copy = storage
        switch CInt(storage.ss_family) {
        case AF_INET:
            let address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) }
            self.storage = .ipv4(address)
        case AF_INET6:
            let address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) }
            self.storage = .ipv6(address)
        default:
            return nil
        }
    }

    /// Which family this address belongs to.
    public var family: Family {
        switch storage {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// The port, converted back from network byte order (`ntohs(3)`).
    public var port: UInt16 {
        switch storage {
        case .ipv4(let address): UInt16(bigEndian: address.sin_port)
        case .ipv6(let address): UInt16(bigEndian: address.sin6_port)
        }
    }

    /// The raw address bytes: 4 for IPv4, 16 for IPv6, most significant first.
    public var addressBytes: [UInt8] {
        switch storage {
        case .ipv4(var address): withUnsafeBytes(of: &address.sin_addr) { Array($0) }
        case .ipv6(var address): withUnsafeBytes(of: &address.sin6_addr) { Array($0) }
        }
    }

    /// The address as text, `127.0.0.1` or `::1`, from `inet_ntop(3)`.
    public var host: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var bytes = addressBytes
        _ = inet_ntop(family.code, &bytes, &text, socklen_t(text.count))
        return String(
            decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
            as: UTF8.self
        )
    }

    /// `127.0.0.1:8080` or `[::1]:8080`: IPv6 hosts are bracketed so the port stays apart.
    public var description: String {
        switch family {
        case .ipv4: "\(host):\(port)"
        case .ipv6: "[\(host)]:\(port)"
        }
    }

    /// The same address with another port.
    ///
    /// - Parameter port: The new port.
    /// - Returns: A copy with `port` in place of the old one.
    public func withPort(_ port: UInt16) -> SocketAddress {
        switch storage {
        case .ipv4(var address):
            address.sin_port = port.bigEndian
            return SocketAddress(storage: .ipv4(address))
        case .ipv6(var address):
            address.sin6_port = port.bigEndian
            return SocketAddress(storage: .ipv6(address))
        }
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// Lends the C structure to a system call as the `(sockaddr *, socklen_t)` pair it takes.
    ///
    /// - Parameter body: Receives the pointer and the structure's size; the pointer is
    ///   valid only during the call.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withSockAddr<Result, Failure: Error>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .ipv4(var address):
            return try withUnsafePointer(to: &address) { (pointer) throws(Failure) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    (generic) throws(Failure) in
                    try body(generic, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(var address):
            return try withUnsafePointer(to: &address) { (pointer) throws(Failure) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    (generic) throws(Failure) in
                    try body(generic, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Two addresses are equal when family, address bytes and port are.
    public static func == (lhs: SocketAddress, rhs: SocketAddress) -> Bool {
        lhs.family == rhs.family && lhs.port == rhs.port && lhs.addressBytes == rhs.addressBytes
    }

    /// Hashes the same fields that ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(port)
        hasher.combine(addressBytes)
    }
}
