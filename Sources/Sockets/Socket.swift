import Libc
import Synchronization
import SystemCalls

/// A socket descriptor with an owner: it is closed exactly once, at the latest on `deinit`.
///
/// A descriptor number is reused as soon as it is closed. Closing one twice is therefore
/// not harmless: between the two calls another thread may have opened a file and been
/// given the same number, and the second `close` would shut *that*. This class makes the
/// first ``close()`` the only one that reaches the kernel, and closes a forgotten socket
/// when the last reference goes, so a descriptor never leaks.
public final class Socket: Sendable, CustomStringConvertible {
    /// The descriptor.
    ///
    /// Do not close it yourself: call ``close()``.
    public let descriptor: FileDescriptor
    private let isClosed = Atomic<Bool>(false)

    /// Takes ownership of `descriptor`.
    ///
    /// - Parameter descriptor: An open socket that nothing else will close.
    public init(owning descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    /// Creates a new TCP socket for `family`.
    ///
    /// - Parameter family: IPv4 or IPv6.
    /// - Throws: ``SystemCallError`` from `socket(2)`.
    public convenience init(family: SocketAddress.Family) throws(SystemCallError) {
        self.init(owning: try FileDescriptor.socket(family: family.code))
    }

    deinit {
        close()
    }

    /// Whether ``close()`` has been called.
    public var isOpen: Bool { !isClosed.load(ordering: .acquiring) }

    /// `socket fd 7`, for logs.
    public var description: String { "socket \(descriptor)" }

    // snippet: close-exactly-once
    /// Closes the descriptor; later calls do nothing.
    ///
    /// The C function is `close(2)`. Errors are not reported: after `close` returns, the
    /// number is released whatever it said, and there is nothing useful a caller can do.
    public func close() {
        if isClosed.exchange(true, ordering: .acquiringAndReleasing) { return }
        try? descriptor.close()
    }
    // end-snippet

    /// The address this socket is bound to (after `bind`, or after `connect` picked a port).
    ///
    /// - Throws: ``SystemCallError`` from `getsockname(2)`.
    public func localAddress() throws(SystemCallError) -> SocketAddress {
        try address(descriptor.localAddress(), call: "getsockname")
    }

    /// The address of the connected peer.
    ///
    /// - Throws: ``SystemCallError`` from `getpeername(2)`; `ENOTCONN` when not connected.
    public func peerAddress() throws(SystemCallError) -> SocketAddress {
        try address(descriptor.peerAddress(), call: "getpeername")
    }

    private func address(
        _ storage: sockaddr_storage,
        call: String
    ) throws(SystemCallError) -> SocketAddress {
        guard let address = SocketAddress(storage) else {
            throw SystemCallError(call: call, errno: Errno(rawValue: EAFNOSUPPORT))
        }
        return address
    }
}
