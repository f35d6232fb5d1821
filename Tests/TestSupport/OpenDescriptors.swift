import Libc
import SystemCalls

/// How many descriptors this process has open, from `/proc/self/fd` (Linux) or by probing
/// each number with `fcntl(F_GETFD)` (elsewhere).
///
/// Tests take the count before and after a scenario: a leaked socket shows as a difference.
public func openDescriptorCount() -> Int {
    #if os(Linux)
    guard let directory = opendir("/proc/self/fd") else { return -1 }
    var count = 0
    while let entry = readdir(directory) {
        if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
    }
    closedir(directory)
    return count - 1  // the directory stream's own descriptor
    #else
    var count = 0
    for number in 0..<CInt(4096) where fcntl(number, F_GETFD) != -1 { count += 1 }
    return count
    #endif
}

/// What each open descriptor is (`socket:[1234]`, `pipe:[5678]`, a path), by number, from
/// `/proc/self/fd`; for failure messages when a leak test finds more than it expected.
///
/// Timer descriptors (`anon_inode:[timerfd]`) are left out: the Swift runtime's Dispatch
/// opens them for itself at moments no test controls, and this project never does.
public func openDescriptorTargets() -> [Int: String] {
    #if os(Linux)
    var targets: [Int: String] = [:]
    guard let directory = opendir("/proc/self/fd") else { return [:] }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard let number = Int(name) else { continue }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = readlink("/proc/self/fd/\(name)", &buffer, buffer.count - 1)
        let target =
            length > 0
            ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "?"
        if target != "anon_inode:[timerfd]" { targets[number] = target }
    }
    return targets
    #else
    return [:]
    #endif
}
