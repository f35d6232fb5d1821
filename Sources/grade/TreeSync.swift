import Foundation

/// Makes one folder a copy of another while touching as few files as possible.
///
/// `verify` builds a copy of the committed tree in a fixed place (`.build-grade/verify-tree`)
/// so that its next run can reuse the build. SwiftPM decides what to recompile from file
/// modification times: rewriting every file would make each run a cold build of the whole
/// stack. So a file is written only when its bytes differ; files the source no longer has
/// are removed; build folders (`.build*`) in the destination are left alone.
struct TreeSync {
    /// What changed in the destination.
    struct Changes: Equatable, Sendable {
        /// Files created or rewritten, relative to the destination.
        var written: [String] = []
        /// Files removed, relative to the destination.
        var removed: [String] = []
    }

    /// Makes `destination` hold exactly the files of `source`, build folders aside.
    ///
    /// - Parameters:
    ///   - source: The folder to copy.
    ///   - destination: The folder to update; created if needed.
    /// - Returns: What was written and removed.
    /// - Throws: File system errors.
    @discardableResult
    static func mirror(_ source: URL, into destination: URL) throws -> Changes {
        var changes = try overlay(source, onto: destination)
        let wanted = Set(try relativeFiles(in: source))
        for path in try relativeFiles(in: destination) where !wanted.contains(path) {
            try FileManager.default.removeItem(at: destination.appending(path: path))
            changes.removed.append(path)
        }
        return changes
    }

    /// Copies every file of `source` onto `destination`, replacing those whose bytes differ
    /// and leaving every other file of `destination` in place.
    ///
    /// This is how `verify` lays `Solutions/` over the starters: the solution files replace
    /// the starter files at the same paths.
    ///
    /// - Parameters:
    ///   - source: The files to lay over.
    ///   - destination: The folder they go into.
    /// - Returns: What was written.
    /// - Throws: File system errors.
    @discardableResult
    static func overlay(_ source: URL, onto destination: URL) throws -> Changes {
        let files = FileManager.default
        var changes = Changes()
        for path in try relativeFiles(in: source) {
            let from = source.appending(path: path)
            let to = destination.appending(path: path)
            let bytes = try Data(contentsOf: from)
            if let existing = try? Data(contentsOf: to), existing == bytes { continue }
            try files.createDirectory(
                at: to.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try bytes.write(to: to)
            if let permissions = try files.attributesOfItem(atPath: from.path)[.posixPermissions] {
                try files.setAttributes([.posixPermissions: permissions], ofItemAtPath: to.path)
            }
            changes.written.append(path)
        }
        return changes
    }

    /// Every regular file under `folder`, as a relative path, skipping `.build*` folders.
    static func relativeFiles(in folder: URL) throws -> [String] {
        let files = FileManager.default
        guard files.fileExists(atPath: folder.path) else { return [] }
        let root = folder.standardizedFileURL.path
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            for name in try files.contentsOfDirectory(atPath: directory).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard files.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) else {
                    continue  // a dangling symbolic link
                }
                if isDirectory.boolValue {
                    if !name.hasPrefix(".build") { pending.append(path) }
                } else {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }
}
