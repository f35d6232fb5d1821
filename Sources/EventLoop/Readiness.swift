import SystemCalls

/// What a registered descriptor wants to be told about.
///
/// Level-triggered readiness, as `poll(2)` defines it: "readable" means a read would not
/// block now (data, end of stream, or an error waiting); "writable" means a write would not
/// block (room in the send buffer). A connection always wants `readable` (unless it is
/// applying back-pressure) and wants `writable` only while it has output queued; asking
/// for `writable` with nothing to write would wake the loop on every iteration.
public struct Interest: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The bit set.
    public let rawValue: UInt8

    /// Makes an interest from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Tell me when a read would not block.
    public static let readable = Interest(rawValue: 1)
    /// Tell me when a write would not block.
    public static let writable = Interest(rawValue: 2)

    /// `[readable, writable]`, for logs.
    public var description: String {
        var names: [String] = []
        if contains(.readable) { names.append("readable") }
        if contains(.writable) { names.append("writable") }
        return "[\(names.joined(separator: ", "))]"
    }
}

/// What the kernel reported for one descriptor after a wait.
public struct Readiness: Sendable, Hashable, CustomStringConvertible {
    /// A read would not block: data, end of stream, or a pending error.
    public var isReadable: Bool
    /// A write would not block.
    public var isWritable: Bool
    /// The connection is fully gone or has an error (`EPOLLHUP`/`EPOLLERR`, `POLLHUP`, ...).
    ///
    /// The kernel reports this even for descriptors that asked for nothing, so a handler
    /// must react (read the error, close) or it will be told again on every wait.
    public var isHangUpOrError: Bool

    /// Creates a readiness report.
    public init(isReadable: Bool, isWritable: Bool, isHangUpOrError: Bool) {
        self.isReadable = isReadable
        self.isWritable = isWritable
        self.isHangUpOrError = isHangUpOrError
    }

    /// `readable writable hangup`, for logs.
    public var description: String {
        [
            isReadable ? "readable" : nil, isWritable ? "writable" : nil,
            isHangUpOrError ? "hangup" : nil,
        ].compactMap { $0 }.joined(separator: " ")
    }
}

/// An object that wants to hear when its descriptor is ready: a connection, a listener.
///
/// Handlers are called on their loop's thread only.
public protocol ReadinessHandler: AnyObject {
    /// The registered descriptor is ready as `readiness` describes.
    func handleReadiness(_ readiness: Readiness)

    /// The loop is stopping: release the descriptor (deregister and close it).
    func loopWillStop()
}
