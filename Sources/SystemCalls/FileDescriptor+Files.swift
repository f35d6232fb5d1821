import Libc

/// What `fstat(2)` says about an open file: enough to serve it over HTTP.
public struct FileStatus: Sendable, Equatable {
    /// The size in bytes.
    public var size: Int
    /// When the contents last changed, in seconds since 1970 (UTC).
    public var modificationTime: Int64
    /// The inode number: which file this is on its device.
    public var inode: UInt64
    /// Whether it is a directory.
    public var isDirectory: Bool
    /// Whether it is a regular file (not a directory, device, socket or pipe).
    public var isRegularFile: Bool
}

extension FileDescriptor {
    /// Opens the file at `path` for reading; the caller must ``close()`` it.
    ///
    /// The C function is `open(2)` with `O_RDONLY | O_CLOEXEC`: close-on-exec, so a child
    /// process never inherits a file we are serving.
    ///
    /// - Parameter path: An absolute or relative path.
    /// - Returns: The new descriptor.
    /// - Throws: ``SystemCallError``, for example `ENOENT` or `EACCES`.
    public static func openForReading(_ path: String) throws(SystemCallError) -> FileDescriptor {
        let descriptor = try retryingOnInterrupt("open") { open(path, O_RDONLY | O_CLOEXEC) }
        return FileDescriptor(rawValue: descriptor)
    }

    /// The file's size, modification time and kind.
    ///
    /// The C function is `fstat(2)`. Asking the open descriptor, not the path, means the
    /// answer describes the very file we will read, even if the path changes meanwhile.
    ///
    /// - Returns: The file's status.
    /// - Throws: ``SystemCallError``.
    public func status() throws(SystemCallError) -> FileStatus {
        var result = stat()
        try retryingOnInterrupt("fstat") { fstat(rawValue, &result) }
        let kind = result.st_mode & mode_t(S_IFMT)
        return FileStatus(
            size: Int(result.st_size),
            modificationTime: systemModificationSeconds(result),
            inode: UInt64(result.st_ino),
            isDirectory: kind == mode_t(S_IFDIR),
            isRegularFile: kind == mode_t(S_IFREG)
        )
    }

    /// Reads up to `buffer.count` bytes starting at byte `offset` of the file.
    ///
    /// The C function is `pread(2)`. It does not move the file position, so serving a
    /// `Range` request needs no `lseek` first.
    ///
    /// - Parameters:
    ///   - buffer: Where the bytes go.
    ///   - offset: Where in the file to start.
    /// - Returns: How many bytes were read; `0` at the end of the file.
    /// - Throws: ``SystemCallError``.
    public func read(
        into buffer: UnsafeMutableRawBufferPointer,
        at offset: Int
    ) throws(SystemCallError) -> Int {
        try retryingOnInterrupt("pread") {
            pread(rawValue, buffer.baseAddress, buffer.count, off_t(offset))
        }
    }
}

/// Questions about paths, answered by the C library.
public enum FilePath {
    /// The absolute path `path` names once every symbolic link, `.` and `..` is resolved.
    ///
    /// The C function is `realpath(3)`. A static file server compares the result with its
    /// root directory's own real path: that is how it notices a symbolic link inside the
    /// root that points outside it.
    ///
    /// - Parameter path: A path to an existing file or directory.
    /// - Returns: The canonical absolute path.
    /// - Throws: ``SystemCallError``, for example `ENOENT`.
    public static func resolved(_ path: String) throws(SystemCallError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw SystemCallError(call: "realpath", errno: Errno.current)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
