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
