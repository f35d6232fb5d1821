import SystemCalls

extension StaticFileHandler {
    /// Sends `file`: `304` if the client's copy is current, `206`/`416` for a range,
    /// otherwise the whole file.
    func serve(
        _ file: OpenFile,
        name: String,
        _ request: HTTPRequest,
        _ response: HTTPResponseWriter
    ) {
        let status = file.status
        let etag = Self.entityTag(for: status)
        let lastModified = HTTPDate.format(secondsSince1970: status.modificationTime)
        var headers: HTTPHeaders = [
            "Content-Type": MediaTypes.type(forFileName: name),
            "ETag": etag,
            "Last-Modified": lastModified,
            "Accept-Ranges": "bytes",
            "X-Content-Type-Options": "nosniff",
        ]
        if Self.isNotModified(request.headers, etag: etag, modified: status.modificationTime) {
            headers.remove("Content-Type")
            return response.respond(status: .notModified, headers: headers)
        }
        var range = ByteRangeRequest.whole
        if request.method == .get, let field = request.headers["Range"],
            Self.ifRangeAllows(request.headers["If-Range"], etag: etag, lastModified: lastModified)
        {
            range = ByteRangeRequest.parse(field, size: status.size)
        }
        switch range {
        case .unsatisfiable:
            var error = HTTPResponse.error(.rangeNotSatisfiable)
            error.headers.add(name: "Content-Range", value: "bytes */\(status.size)")
            response.respond(error)
        case .partial(let bytes):
            headers.add(
                name: "Content-Range",
                value: "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(status.size)"
            )
            send(
                file,
                from: bytes.lowerBound,
                count: bytes.count,
                status: .partialContent,
                headers,
                request,
                response
            )
        case .whole:
            send(file, from: 0, count: status.size, status: .ok, headers, request, response)
        }
    }

    private func send(
        _ file: OpenFile,
        from offset: Int,
        count: Int,
        status: HTTPStatus,
        _ headers: HTTPHeaders,
        _ request: HTTPRequest,
        _ response: HTTPResponseWriter
    ) {
        if request.method == .head {
            var headers = headers
            headers.add(name: "Content-Length", value: "\(count)")
            response.writeHead(HTTPResponseHead(status: status, headers: headers))
            return response.end()
        }
        if count <= wholeFileLimit {
            guard let bytes = file.read(at: offset, count: count), bytes.count == count else {
                return response.respond(.error(.internalServerError))
            }
            return response.respond(HTTPResponse(status: status, headers: headers, body: bytes))
        }
        var headers = headers
        headers.add(name: "Content-Length", value: "\(count)")
        response.writeHead(HTTPResponseHead(status: status, headers: headers))
        sendPiece(file, from: offset, remaining: count, response)
    }

    /// Sends one piece, and asks to be called again once the connection can take more.
    private func sendPiece(
        _ file: OpenFile,
        from offset: Int,
        remaining: Int,
        _ response: HTTPResponseWriter
    ) {
        guard remaining > 0 else { return response.end() }
        let length = min(pieceSize, remaining)
        guard let piece = file.read(at: offset, count: length), piece.count == length else {
            return response.abort()  // the file shrank under us: the length we sent is wrong
        }
        let handler = self
        response.writeBody(piece) {
            handler.sendPiece(file, from: offset + length, remaining: remaining - length, response)
        }
    }

    /// A validator that changes whenever the file does: inode, size and modification
    /// time, in hex (RFC 9110 §8.8.3).
    static func entityTag(for status: FileStatus) -> String {
        let parts = [
            UInt64(status.inode), UInt64(status.size), UInt64(bitPattern: status.modificationTime),
        ]
        return "\"" + parts.map { String($0, radix: 16) }.joined(separator: "-") + "\""
    }

    // snippet: conditional-get
    /// Whether the client's cached copy is current, so `304` can replace the body.
    ///
    /// RFC 9110 §13.2.2 fixes the order: `If-None-Match` decides when present (a list of
    /// tags, or `*`, compared weakly: `W/"x"` matches `"x"`), and only without it does
    /// `If-Modified-Since` count, by comparing dates to the second.
    static func isNotModified(_ headers: HTTPHeaders, etag: String, modified: Int64) -> Bool {
        if let field = headers["If-None-Match"] {
            let strip = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
            return field.split(separator: ",").contains { member in
                let tag = member.trimmingPrefix(" ").split(separator: " ").first ?? ""
                return tag == "*" || strip(tag) == strip(Substring(etag))
            }
        }
        if let field = headers["If-Modified-Since"], let since = HTTPDate.parse(field) {
            return modified <= since
        }
        return false
    }
    // end-snippet

    /// `If-Range` (RFC 9110 §13.1.5): serve the range only if the client's validator
    /// still matches exactly; otherwise it would splice parts of two versions.
    static func ifRangeAllows(_ field: String?, etag: String, lastModified: String) -> Bool {
        guard let field else { return true }
        return field == etag || field == lastModified
    }
}
