import Libc

/// A C `errno` value: the number a failed system call leaves behind to say why.
///
/// In C, a system call that fails returns `-1` and stores a small positive number in
/// the thread-local variable `errno`. The numbers differ between operating systems
/// (`EAGAIN` is 11 on Linux and 35 on macOS), so code compares against the named
/// constants below, never against literals. ``description`` is the C library's own
/// text for the number, from `strerror(3)`.
public struct Errno: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The C number, as stored in `errno`.
    public let rawValue: CInt

    /// Wraps a C `errno` number.
    public init(rawValue: CInt) {
        self.rawValue = rawValue
    }

    /// The calling thread's `errno` right now.
    ///
    /// Read it immediately after the failing call: almost any other call, even a `print`,
    /// may overwrite it.
    public static var current: Errno {
        Errno(rawValue: errno)
    }

    /// The C library's explanation, for example "Connection refused".
    public var description: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return String(cString: text)
    }

    /// The C name of the value, such as `ECONNREFUSED`, for the ones this project meets.
    public var name: String {
        Errno.names[rawValue] ?? "errno \(rawValue)"
    }

    private static let names: [CInt: String] = [
        EINTR: "EINTR", EAGAIN: "EAGAIN", EINPROGRESS: "EINPROGRESS", EBADF: "EBADF",
        EINVAL: "EINVAL", EPIPE: "EPIPE", ECONNREFUSED: "ECONNREFUSED",
        ECONNRESET: "ECONNRESET", ECONNABORTED: "ECONNABORTED", EADDRINUSE: "EADDRINUSE",
        EADDRNOTAVAIL: "EADDRNOTAVAIL", EMFILE: "EMFILE", ENFILE: "ENFILE",
        ENOTCONN: "ENOTCONN", ETIMEDOUT: "ETIMEDOUT", EACCES: "EACCES", ENOENT: "ENOENT",
        EHOSTUNREACH: "EHOSTUNREACH", ENETUNREACH: "ENETUNREACH", EAFNOSUPPORT: "EAFNOSUPPORT",
        ENOBUFS: "ENOBUFS", ENOMEM: "ENOMEM", EPERM: "EPERM", EEXIST: "EEXIST", ECHILD: "ECHILD",
        ENOSYS: "ENOSYS",
    ]
}

extension Errno {
    /// `EINTR`: a signal arrived while the call was waiting.
    ///
    /// Nothing failed; call again.
    public static let interrupted = Errno(rawValue: EINTR)
    /// `EAGAIN` (the same as `EWOULDBLOCK` on Linux and macOS): a non-blocking descriptor
    /// has nothing to give, or no room to take, right now.
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    /// `EINPROGRESS`: a non-blocking `connect(2)` has started and will finish later.
    public static let inProgress = Errno(rawValue: EINPROGRESS)
    /// `EBADF`: the number is not an open descriptor.
    ///
    /// Always a bug in our own code.
    public static let badDescriptor = Errno(rawValue: EBADF)
    /// `EINVAL`: an argument made no sense to the kernel.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// `EPIPE`: writing to a connection the peer has closed.
    public static let brokenPipe = Errno(rawValue: EPIPE)
    /// `ECONNREFUSED`: nothing listens at the address we connected to.
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    /// `ECONNRESET`: the peer aborted the connection (a TCP RST).
    public static let connectionReset = Errno(rawValue: ECONNRESET)
    /// `ECONNABORTED`: a connection died in the accept queue before we accepted it.
    public static let connectionAborted = Errno(rawValue: ECONNABORTED)
    /// `EADDRINUSE`: another socket is already bound to the address and port.
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    /// `EADDRNOTAVAIL`: the address is not one of this machine's.
    public static let addressNotAvailable = Errno(rawValue: EADDRNOTAVAIL)
    /// `EMFILE`: this process has as many descriptors open as `RLIMIT_NOFILE` allows.
    public static let tooManyOpenFiles = Errno(rawValue: EMFILE)
    /// `ENFILE`: the whole system has run out of descriptors.
    public static let tooManyOpenFilesInSystem = Errno(rawValue: ENFILE)
    /// `ENOTCONN`: the socket is not connected (yet, or any more).
    public static let notConnected = Errno(rawValue: ENOTCONN)
    /// `ETIMEDOUT`: the connection timed out.
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    /// `EACCES`: permission denied, for example binding a port below 1024 as a user.
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// `ECHILD`: no such child to wait for, or it has already been reaped.
    public static let noChildProcess = Errno(rawValue: ECHILD)
    /// `ENOBUFS`: the kernel has no memory left for socket buffers, for now.
    public static let noBufferSpace = Errno(rawValue: ENOBUFS)
    /// `ENOMEM`: the kernel could not allocate memory for the call, for now.
    public static let outOfMemory = Errno(rawValue: ENOMEM)
    /// `ENOSYS`: this system does not provide the call at all (kqueue on Linux).
    public static let notImplemented = Errno(rawValue: ENOSYS)
}
