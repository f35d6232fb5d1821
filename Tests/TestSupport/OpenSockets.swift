import Foundation

/// How many sockets this process has open: the entries of `/proc/self/fd` that link to
/// `socket:[INODE]`.
///
/// ``openDescriptorCount()`` counts every descriptor, and the runtime opens some of its own
/// at moments of its choosing (Dispatch creates a `timerfd` the first time a timer is
/// armed). A leak test about sockets counts sockets, which only the test opens.
///
/// - Returns: The count, or `-1` where there is no `/proc`.
public func openSocketCount() -> Int {
    let directory = "/proc/self/fd"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
        return -1
    }
    return entries.count { entry in
        let target = try? FileManager.default.destinationOfSymbolicLink(
            atPath: "\(directory)/\(entry)"
        )
        return target?.hasPrefix("socket:") ?? false
    }
}
