import Libc
import SystemCalls

/// A socket option you can set and read back: `try socket.set(.noDelay, true)`.
///
/// The kernel addresses options as a (level, name) pair of integers and passes values as
/// untyped bytes (`setsockopt(2)`). This type pairs each option with its Swift value
/// type, so that setting ``receiveBufferSize`` to `true` does not compile.
public struct SocketOption<Value: Sendable>: Sendable {
    /// `SOL_SOCKET`, `IPPROTO_TCP`, ...
    public let level: CInt
    /// `TCP_NODELAY`, `SO_KEEPALIVE`, ...
    public let name: CInt
    let encode: @Sendable (Value) -> CInt
    let decode: @Sendable (CInt) -> Value
}

extension SocketOption where Value == Bool {
    /// A yes/no option stored as `0` or `1`.
    static func flag(_ level: CInt, _ name: CInt) -> SocketOption<Bool> {
        SocketOption(level: level, name: name, encode: { $0 ? 1 : 0 }, decode: { $0 != 0 })
    }

    /// `TCP_NODELAY`: send small writes at once instead of waiting to batch them.
    ///
    /// By default TCP uses Nagle's algorithm: while earlier data is unacknowledged, small
    /// writes are held back and merged. Good for bulk transfer, bad for a chat or a
    /// request/response protocol, where it can add up to 40 ms to each exchange.
    public static var noDelay: SocketOption<Bool> { flag(CInt(IPPROTO_TCP), TCP_NODELAY) }

    /// `SO_KEEPALIVE`: probe an idle connection so a vanished peer is noticed eventually.
    public static var keepAlive: SocketOption<Bool> { flag(SOL_SOCKET, SO_KEEPALIVE) }

    /// `SO_REUSEADDR`: allow binding a port that still has connections in `TIME_WAIT`.
    ///
    /// Without it, restarting a server right after stopping it fails with `EADDRINUSE`
    /// for a minute or two. It does *not* let two live servers share a port.
    public static var reuseAddress: SocketOption<Bool> { flag(SOL_SOCKET, SO_REUSEADDR) }
}

extension SocketOption where Value == Int {
    /// A size option, in bytes.
    static func size(_ level: CInt, _ name: CInt) -> SocketOption<Int> {
        SocketOption(level: level, name: name, encode: { CInt(clamping: $0) }, decode: { Int($0) })
    }

    /// `SO_RCVBUF`: the kernel's receive buffer for this socket, in bytes.
    ///
    /// Linux doubles the value you set (for its own bookkeeping) and reports the doubled one.
    public static var receiveBufferSize: SocketOption<Int> { size(SOL_SOCKET, SO_RCVBUF) }

    /// `SO_SNDBUF`: the kernel's send buffer for this socket, in bytes.
    ///
    /// Doubled like ``receiveBufferSize``.
    public static var sendBufferSize: SocketOption<Int> { size(SOL_SOCKET, SO_SNDBUF) }
}

extension Socket {
    /// Sets `option` to `value`.
    ///
    /// - Parameters:
    ///   - option: Which option, such as ``SocketOption/noDelay``.
    ///   - value: The new value.
    /// - Throws: ``SystemCallError`` from `setsockopt(2)`.
    public func set<Value>(_ option: SocketOption<Value>, _ value: Value) throws(SystemCallError) {
        try descriptor.setOption(
            level: option.level,
            name: option.name,
            value: option.encode(value)
        )
    }

    /// Reads `option` back.
    ///
    /// - Parameter option: Which option.
    /// - Returns: Its current value.
    /// - Throws: ``SystemCallError`` from `getsockopt(2)`.
    public func get<Value>(_ option: SocketOption<Value>) throws(SystemCallError) -> Value {
        option.decode(try descriptor.option(level: option.level, name: option.name))
    }

    /// Whether calls on this socket wait (`false`) or return at once (`true`, `O_NONBLOCK`).
    ///
    /// - Parameter nonBlocking: The mode to set.
    /// - Throws: ``SystemCallError`` from `fcntl(2)`.
    public func setNonBlocking(_ nonBlocking: Bool) throws(SystemCallError) {
        try descriptor.setNonBlocking(nonBlocking)
    }

    /// Bounds how long a blocking read may wait (`SO_RCVTIMEO`); `nil` waits forever.
    ///
    /// A read that times out fails with `EAGAIN`, the same code a non-blocking read gives.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Throws: ``SystemCallError`` from `setsockopt(2)`.
    public func setReceiveTimeout(_ timeout: Duration?) throws(SystemCallError) {
        try descriptor.setOption(level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeval(timeout))
    }

    /// Bounds how long a blocking write may wait for room (`SO_SNDTIMEO`); `nil` waits
    /// forever.
    ///
    /// A peer that stops reading fills its receive buffer and then ours, and a blocking
    /// `send` to it waits for as long as it does. With a send timeout the write gives up
    /// with `EAGAIN` instead, so one stuck client cannot hold a thread forever.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Throws: ``SystemCallError`` from `setsockopt(2)`.
    public func setSendTimeout(_ timeout: Duration?) throws(SystemCallError) {
        try descriptor.setOption(level: SOL_SOCKET, name: SO_SNDTIMEO, value: timeval(timeout))
    }
}

extension timeval {
    /// A `timeval` for a socket timeout; zero (`nil`) means "no timeout".
    fileprivate init(_ timeout: Duration?) {
        self.init()
        guard let timeout else { return }
        let nanoseconds = max(timeout.nanoseconds, 1000)
        tv_sec = .init(nanoseconds / 1_000_000_000)
        tv_usec = .init((nanoseconds % 1_000_000_000) / 1000)
    }
}
