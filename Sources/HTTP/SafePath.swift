/// Turns a request path into a path inside a directory, refusing every way out of it.
public enum SafePath {
    /// Why a path was refused.
    public enum Refusal: Error, Equatable, Sendable {
        /// The path tries to leave the directory (`..`, an encoded slash, a NUL): `403`.
        case forbidden
        /// The path names something we never serve (a hidden file): `404`.
        case hidden
    }

    // snippet: path-traversal
    /// Splits an encoded path into decoded segments that are safe to join under a root.
    ///
    /// The attack is `GET /../../etc/passwd`, or the same dressed up so a naive check
    /// misses it: `%2e%2e` (dots encoded), `..%2f` (an encoded slash, so the `..` is not
    /// a segment of its own until *after* decoding), `..\` (a Windows separator), or a
    /// NUL byte that C functions treat as the end of the string. The defence is to split
    /// on `/` *first*, decode each segment *second*, and then refuse any segment that is
    /// `.` or `..` or still holds a separator or NUL. Hidden names (`.git`, `.env`) are
    /// refused too. Symbolic links are the file server's job: it resolves the final path
    /// and checks that it is still inside the root.
    ///
    /// - Parameter encodedPath: The request's path, still percent-encoded.
    /// - Returns: The segments, decoded; empty for the root itself.
    /// - Throws: ``Refusal``.
    public static func segments(of encodedPath: Substring) throws(Refusal) -> [String] {
        var segments: [String] = []
        for raw in encodedPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = PercentEncoding.decode(raw) else { throw .forbidden }
            if segment == "." || segment == ".." { throw .forbidden }
            if segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) {
                throw .forbidden
            }
            if segment.hasPrefix(".") { throw .hidden }
            segments.append(segment)
        }
        return segments
    }
    // end-snippet
}
