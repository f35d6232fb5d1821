import SystemCalls

/// Serves the files under a directory: content types, `index.html`, validators with
/// `304 Not Modified`, and single byte ranges.
///
/// ```swift
/// router.get("/**", try StaticFileHandler(root: "Examples/site"))
/// ```
///
/// Safety first: a path is decoded segment by segment and refused if any segment could
/// climb out (see ``SafePath``); the final path is resolved (symbolic links followed)
/// and refused unless it is still inside the root. Files are read with `pread(2)` on the
/// event loop, which is quick for files in the page cache; large files are sent in
/// pieces, each after the connection has taken the previous one.
public struct StaticFileHandler: HTTPHandler {
    /// The directory, as an absolute path with links resolved.
    public let root: String
    /// The path prefix the handler is mounted at, such as `/static`; `""` for the root.
    public let mountPath: String
    /// The file served for a directory.
    public var indexFile = "index.html"
    /// Files up to this size are read and sent in one piece.
    public var wholeFileLimit = 256 * 1024
    /// How much of a larger file is read and sent at a time.
    public var pieceSize = 64 * 1024

    /// A handler for the files under `root`.
    ///
    /// - Parameters:
    ///   - root: The directory to serve.
    ///   - mountPath: The URL prefix the handler answers under (`/static`), or `""`.
    /// - Throws: ``SystemCallError`` if `root` does not exist.
    public init(root: String, mountPath: String = "") throws(SystemCallError) {
        self.root = try FilePath.resolved(root)
        self.mountPath = mountPath.hasSuffix("/") ? String(mountPath.dropLast()) : mountPath
    }

    /// Serves the file the request's path names.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        guard request.method == .get || request.method == .head else {
            var error = HTTPResponse.error(.methodNotAllowed)
            error.headers.add(name: "Allow", value: "GET, HEAD")
            return response.respond(error)
        }
        // `/static` serves `/static` and `/static/...`, never `/staticfoo`.
        let isUnderMount =
            mountPath.isEmpty || request.path == mountPath
            || request.path.hasPrefix(mountPath + "/")
        guard isUnderMount else { return response.respond(.error(.notFound)) }
        let relative = request.path.dropFirst(mountPath.count)
        let segments: [String]
        do {
            segments = try SafePath.segments(of: relative)
        } catch .forbidden {
            return response.respond(.error(.forbidden, message: "path leaves the served directory"))
        } catch {
            return response.respond(.error(.notFound))
        }
        guard let file = open(segments) else { return response.respond(.error(.notFound)) }
        if file.status.isDirectory {
            guard request.path.hasSuffix("/") else {
                // Redirect `/docs` to `/docs/`, so the page's relative links resolve.
                let location = request.path + "/" + (request.head.query.map { "?" + $0 } ?? "")
                return response.respond(status: .movedPermanently, headers: ["Location": location])
            }
            guard let index = open(segments + [indexFile]), index.status.isRegularFile else {
                return response.respond(.error(.notFound))
            }
            return serve(index, name: indexFile, request, response)
        }
        guard file.status.isRegularFile else { return response.respond(.error(.notFound)) }
        serve(file, name: segments.last ?? "", request, response)
    }

    /// Opens the file at `segments` under the root, if it exists and is inside the root
    /// once symbolic links are resolved.
    private func open(_ segments: [String]) -> OpenFile? {
        let candidate = ([root] + segments).joined(separator: "/")
        guard let resolved = try? FilePath.resolved(candidate),
            resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/"),
            let descriptor = try? FileDescriptor.openForReading(resolved)
        else { return nil }
        guard let status = try? descriptor.status() else {
            try? descriptor.close()
            return nil
        }
        return OpenFile(descriptor: descriptor, status: status)
    }
}

/// An open file that closes itself when the last reference goes, so a response cut short
/// by a closed connection does not leak the descriptor.
final class OpenFile: Sendable {
    let descriptor: FileDescriptor
    let status: FileStatus

    init(descriptor: FileDescriptor, status: FileStatus) {
        self.descriptor = descriptor
        self.status = status
    }

    deinit {
        try? descriptor.close()
    }

    /// Reads `count` bytes from `offset`, fewer only at the end of the file.
    func read(at offset: Int, count: Int) -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < count {
                let target = UnsafeMutableRawBufferPointer(
                    UnsafeMutableBufferPointer(rebasing: buffer[initialized...])
                )
                guard let read = try? descriptor.read(into: target, at: offset + initialized) else {
                    failed = true
                    return
                }
                if read == 0 { return }
                initialized += read
            }
        }
        return failed ? nil : bytes
    }
}
