// Libc.swift: the platform's C library under one name, so a file that uses it says so.
//
// Linux ships glibc (Swift module `Glibc`), macOS Darwin's libc (module `Darwin`). The C
// names a networking program needs (`sockaddr_in`, `pollfd`, `POLLIN`, `EAGAIN`) are in
// both, so a file that works with them should not have to ask which one it is on. This
// module's only job is to ask once: it re-exports whichever library the platform has, and
// a file writes `import Libc` at the top.
//
// Why a module of its own, rather than SystemCalls re-exporting the C library to every
// layer above it (as it once did)? Because then every file saw every C name without saying
// so, and nothing showed which files step below the Swift wrappers. Now the import line is
// the sign: a file without `import Libc` works with Swift types only, and the import check
// (Scripts/check-imports.py) makes sure every target that imports Libc declares it. Calls
// are still wrapped once, in SystemCalls (`CurrentProcess.exit`, `Signal.interrupt`, the
// `FileDescriptor` methods); a file imports Libc to work with C types and constants (the
// poll selector's `pollfd`s, a socket address's `sockaddr_in`), or, in a demo or a test, to
// show or check a C call on purpose.
//
// Two things this module does not cover. Glibc's Swift module leaves out Linux's own
// headers (`epoll_event`, `eventfd`), which come from the CSystemShims target. And
// Foundation re-exports the C library too, so the few files that import Foundation (the
// grader, the benchmarks, some tests) see C names anyway.
//
// With Platform.swift, which smooths over the calls whose names or types differ, this is
// one of the two files that ask which C library we are on.

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("SocketLadder runs on Linux (glibc) and Darwin")
#endif
