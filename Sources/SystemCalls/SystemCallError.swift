/// A system call failed: which call, and the `errno` it left.
///
/// Printing one gives everything a person needs to start looking:
/// `bind: Address already in use (EADDRINUSE, errno 98)`.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The C function that failed, such as `"connect"`.
    public let call: String
    /// Why it failed.
    public let errno: Errno

    /// Records that `call` failed with `errno`.
    public init(call: String, errno: Errno) {
        self.call = call
        self.errno = errno
    }

    /// `call: text (NAME, errno N)`, the way `perror(3)` would say it, plus the number.
    public var description: String {
        "\(call): \(errno) (\(errno.name), errno \(errno.rawValue))"
    }
}
