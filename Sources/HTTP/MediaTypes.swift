/// The media type (`Content-Type`) a file's extension usually means.
///
/// Browsers decide how to treat a response by its `Content-Type`, not by the name in the
/// URL: a stylesheet sent as `text/plain` is not applied, a script is not run. Text types
/// name their charset so a browser does not have to guess. Unknown extensions are sent
/// as `application/octet-stream` (download, never render), and every response carries
/// `X-Content-Type-Options: nosniff` so the browser does not second-guess us.
public enum MediaTypes {
    /// The types by lower-case extension.
    public static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "xml": "application/xml",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "ico": "image/x-icon",
        "wasm": "application/wasm",
        "woff2": "font/woff2",
        "pdf": "application/pdf",
    ]

    /// The media type for a file name.
    ///
    /// - Parameter fileName: A name such as `style.css`.
    /// - Returns: Its type, or `application/octet-stream`.
    public static func type(forFileName fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return "application/octet-stream" }
        let fileExtension = fileName[fileName.index(after: dot)...].lowercased()
        return byExtension[fileExtension] ?? "application/octet-stream"
    }
}
