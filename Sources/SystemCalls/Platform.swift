// Platform.swift: the one place where the C libraries' differences are smoothed over.
//
// Linux ships glibc (Swift module `Glibc`); macOS ships Darwin's libc (module `Darwin`).
// Sources/Libc picks the one the platform has, and every file that uses C names says
// `import Libc`. Most calls have the same name and meaning on both; the few that differ
// are wrapped here in functions named `system...`, so every other file in the project is
// written once. The event-loop backends (epoll on Linux, kqueue on Darwin) live in
// Epoll.swift and Kqueue.swift beside this file, each compiled only where its kernel
// provides it.

import Libc

#if canImport(Glibc)
import CSystemShims  // what Glibc's module leaves out: accept4(2), naming a thread
#endif

/// The `type` argument of `socket(2)` for a TCP stream socket.
///
/// Glibc imports `SOCK_STREAM` as an enum value, Darwin as a plain integer.
public var socketTypeStream: CInt {
    #if canImport(Glibc)
    CInt(SOCK_STREAM.rawValue)
    #else
    SOCK_STREAM
    #endif
}

/// Creates a socket whose descriptor is closed if the process ever calls `exec`.
///
/// Linux sets close-on-exec atomically with `SOCK_CLOEXEC`. Darwin has no such flag, so it
/// takes a second call; it also gets `SO_NOSIGPIPE`, Darwin's per-socket way to say
/// "report a vanished peer as `EPIPE`, don't kill the process with `SIGPIPE`".
func systemSocket(_ domain: CInt, _ type: CInt) -> CInt {
    #if canImport(Glibc)
    return socket(domain, type | CInt(SOCK_CLOEXEC.rawValue), 0)
    #else
    let descriptor = socket(domain, type, 0)
    guard descriptor >= 0 else { return descriptor }
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    var on: CInt = 1
    _ = setsockopt(
        descriptor,
        SOL_SOCKET,
        SO_NOSIGPIPE,
        &on,
        socklen_t(MemoryLayout<CInt>.size)
    )
    return descriptor
    #endif
}

/// Accepts a connection whose descriptor is already non-blocking and close-on-exec.
///
/// Linux does all three in one call, `accept4(2)`; Darwin needs `accept(2)` and then
/// `fcntl(2)`. A socket accepted on Darwin inherits `SO_NOSIGPIPE` from its listener.
func systemAccept(
    _ descriptor: CInt,
    _ address: UnsafeMutablePointer<sockaddr>?,
    _ length: UnsafeMutablePointer<socklen_t>?,
    nonBlocking: Bool
) -> CInt {
    #if canImport(Glibc)
    var flags = CInt(SOCK_CLOEXEC.rawValue)
    if nonBlocking { flags |= CInt(SOCK_NONBLOCK.rawValue) }
    return socketladder_accept4(descriptor, address, length, flags)
    #else
    let accepted = accept(descriptor, address, length)
    guard accepted >= 0 else { return accepted }
    _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
    if nonBlocking { _ = fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK) }
    return accepted
    #endif
}

/// The child's process ID, `si_code` and `si_status` from what `waitid(2)` filled in.
///
/// glibc keeps them in a union that Swift sees as `_sifields._sigchld`; Darwin has plain
/// fields.
func systemChildInfo(_ info: siginfo_t) -> (pid: pid_t, code: CInt, status: CInt) {
    #if canImport(Glibc)
    (info._sifields._sigchld.si_pid, info.si_code, info._sifields._sigchld.si_status)
    #else
    (info.si_pid, info.si_code, info.si_status)
    #endif
}

// snippet: sigpipe-flags
/// The flags for `send(2)` that stop a vanished peer from killing us with `SIGPIPE`.
///
/// Writing to a socket whose peer has gone raises `SIGPIPE`, whose default action ends the
/// process. Linux lets each `send` opt out with `MSG_NOSIGNAL`; Darwin sets `SO_NOSIGPIPE`
/// on the socket instead (see ``systemSocket(_:_:)``).
var sendFlagsWithoutSIGPIPE: CInt {
    #if canImport(Glibc)
    CInt(MSG_NOSIGNAL)
    #else
    0
    #endif
}
// end-snippet

/// `shutdown(2)`'s "no more writes" argument, the same number everywhere.
public var shutdownWriteSide: CInt {
    #if canImport(Glibc)
    CInt(SHUT_WR)
    #else
    SHUT_WR
    #endif
}

/// `shutdown(2)`'s "no more reads" argument.
public var shutdownReadSide: CInt {
    #if canImport(Glibc)
    CInt(SHUT_RD)
    #else
    SHUT_RD
    #endif
}

/// The `resource` argument of `getrlimit(2)` for "open files".
var resourceOpenFiles: CInt {
    #if canImport(Glibc)
    CInt(RLIMIT_NOFILE.rawValue)
    #else
    RLIMIT_NOFILE
    #endif
}

/// A number that identifies the calling thread while it runs.
///
/// `pthread_t` is an integer on Linux and a pointer on Darwin; either way two threads
/// alive at the same time never share one.
public func currentThreadID() -> UInt {
    #if canImport(Glibc)
    UInt(pthread_self())
    #else
    UInt(bitPattern: pthread_self())
    #endif
}

/// Starts a POSIX thread that runs `context` through `entry`.
///
/// The type of the `pthread_t` out-parameter differs (non-optional on Linux, optional on
/// Darwin); the rest of the call is the same.
func systemThreadCreate(
    _ entry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?,
    _ context: UnsafeMutableRawPointer
) -> (result: CInt, thread: UInt) {
    #if canImport(Glibc)
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, entry, context)
    return (result, UInt(thread))
    #else
    var thread: pthread_t?
    let result = pthread_create(&thread, nil, entry, context)
    return (result, thread.map { UInt(bitPattern: $0) } ?? 0)
    #endif
}

/// Waits for the thread `thread` (as returned by ``systemThreadCreate(_:_:)``) to end.
func systemThreadJoin(_ thread: UInt) -> CInt {
    #if canImport(Glibc)
    pthread_join(pthread_t(thread), nil)
    #else
    guard let pointer = pthread_t(bitPattern: thread) else { return EINVAL }
    return pthread_join(pointer, nil)
    #endif
}

/// Lets `thread` release its resources by itself when it ends; it can no longer be joined.
func systemThreadDetach(_ thread: UInt) -> CInt {
    #if canImport(Glibc)
    pthread_detach(pthread_t(thread))
    #else
    guard let pointer = pthread_t(bitPattern: thread) else { return EINVAL }
    return pthread_detach(pointer)
    #endif
}

/// Names the calling thread, so `top -H` and debuggers show "loop-0" instead of a number.
///
/// Linux names any thread (and truncates to 15 bytes); Darwin names only the caller.
func systemNameCurrentThread(_ name: String) {
    #if canImport(Glibc)
    _ = socketladder_name_current_thread(String(name.utf8.prefix(15)) ?? "thread")
    #else
    _ = pthread_setname_np(name)
    #endif
}

// The wrappers in this project are methods named after the C functions they call
// (`FileDescriptor.read`), and inside such a method a bare `read(...)` means the method
// itself. These free functions reach the C library's own.

/// The C library's `read(2)`.
@inline(__always)
func systemRead(_ descriptor: CInt, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// The C library's `write(2)`.
@inline(__always)
func systemWrite(_ descriptor: CInt, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// The C library's `close(2)`.
@inline(__always)
func systemClose(_ descriptor: CInt) -> CInt {
    close(descriptor)
}

/// The C library's `pipe(2)`.
@inline(__always)
func systemPipe(_ ends: UnsafeMutablePointer<CInt>) -> CInt {
    pipe(ends)
}

/// The C library's `bind(2)`.
@inline(__always)
func systemBind(_ descriptor: CInt, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> CInt
{
    bind(descriptor, address, length)
}

/// The C library's `listen(2)`.
@inline(__always)
func systemListen(_ descriptor: CInt, _ backlog: CInt) -> CInt {
    listen(descriptor, backlog)
}

/// The C library's `connect(2)`.
@inline(__always)
func systemConnect(_ descriptor: CInt, _ address: UnsafePointer<sockaddr>, _ length: socklen_t)
    -> CInt
{
    connect(descriptor, address, length)
}

/// The C library's `shutdown(2)`.
@inline(__always)
func systemShutdown(_ descriptor: CInt, _ how: CInt) -> CInt {
    shutdown(descriptor, how)
}

/// The C library's `send(2)`.
@inline(__always)
func systemSend(_ descriptor: CInt, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: CInt) -> Int
{
    send(descriptor, bytes, count, flags)
}

/// When a file's contents last changed, in whole seconds since 1970, from `stat(2)`'s result.
///
/// Linux names the field `st_mtim`, Darwin `st_mtimespec`.
func systemModificationSeconds(_ status: stat) -> Int64 {
    #if canImport(Glibc)
    Int64(status.st_mtim.tv_sec)
    #else
    Int64(status.st_mtimespec.tv_sec)
    #endif
}
