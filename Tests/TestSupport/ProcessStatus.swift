import Foundation

/// What Linux says about another process in `/proc/PID`: how many descriptors it holds and
/// how much memory it uses.
///
/// A server that forgets to close a socket, or buffers without limit for a slow client,
/// looks fine from outside until it runs out. These numbers make both visible to a test.
public struct ProcessStatus: Sendable {
    /// The process's ID.
    public let pid: Int32

    /// Watches process `pid`.
    ///
    /// - Parameter pid: A running process.
    public init(pid: Int32) {
        self.pid = pid
    }

    /// How many descriptors the process has open: the entries of `/proc/PID/fd`.
    ///
    /// - Throws: What `FileManager` throws if the process is gone.
    public func descriptorCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
    }

    /// How many of its descriptors are sockets (link to `socket:[INODE]`).
    ///
    /// - Throws: What `FileManager` throws if the process is gone.
    public func socketCount() throws -> Int {
        let directory = "/proc/\(pid)/fd"
        return try FileManager.default.contentsOfDirectory(atPath: directory).count { entry in
            let target = try? FileManager.default.destinationOfSymbolicLink(
                atPath: "\(directory)/\(entry)"
            )
            return target?.hasPrefix("socket:") ?? false
        }
    }

    /// Its resident memory now (`VmRSS`), in bytes.
    ///
    /// - Throws: ``ProcessStatusError`` if the field is missing.
    public func residentBytes() throws -> Int {
        try field("VmRSS")
    }

    /// The most resident memory it has ever had (`VmHWM`, the high-water mark), in bytes.
    ///
    /// - Throws: ``ProcessStatusError`` if the field is missing.
    public func peakResidentBytes() throws -> Int {
        try field("VmHWM")
    }

    /// Reads a `Name:   1234 kB` line of `/proc/PID/status`.
    private func field(_ name: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix("\(name):") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let kilobytes = Int(parts[1]) { return kilobytes * 1024 }
        }
        throw ProcessStatusError(pid: pid, field: name)
    }
}

/// `/proc/PID/status` had no such field.
public struct ProcessStatusError: Error, CustomStringConvertible {
    /// The process.
    public let pid: Int32
    /// The field looked for.
    public let field: String

    /// `no VmRSS in /proc/42/status`.
    public var description: String { "no \(field) in /proc/\(pid)/status" }
}
