import EventLoop
import HTTP
import SystemCalls

/// The demo's routes: a benchmark route, JSON endpoints, a form echo, a streamed answer.
enum Routes {
    /// The `/plaintext` answer, built once: the benchmark route does no work per request.
    static let plaintext = HTTPResponse.text("Hello, World!")

    /// Adds every route of the demo to `router`.
    static func add(to router: inout HTTPRouter) {
        router.get("/plaintext") { _, response in response.respond(plaintext) }

        router.get("/api/time") { _, response in
            let time = SystemInfo.utcNow()
            response.respond(
                .json(
                    "{\"unixTime\":\(time.secondsSince1970),\"date\":\(quoted(HTTPDate.format(time)))}"
                )
            )
        }

        router.get("/api/hello/:name") { request, response in
            let name = request.parameters["name"] ?? "?"
            response.respond(.json("{\"greeting\":\(quoted("Hello, \(name)!"))}"))
        }

        // Echoes a JSON (or any) body back with its content type: reads the body first.
        router.post("/api/echo") { request, response in
            request.body.collect(upTo: 1024 * 1024) { result in
                switch result {
                case .success(let body):
                    let type = request.headers["Content-Type"] ?? "application/octet-stream"
                    response.respond(status: .ok, headers: ["Content-Type": type], body: body)
                case .failure(.tooLarge(let limit)):
                    response.respond(.error(.contentTooLarge, message: "at most \(limit) bytes"))
                case .failure(let error):
                    response.respond(.error(.badRequest, message: "\(error)"))
                }
            }
        }

        // An HTML form posts `application/x-www-form-urlencoded`: name=Ada&message=Hi+there
        router.post("/form") { request, response in
            request.body.collect(upTo: 64 * 1024) { result in
                guard case .success(let body) = result else {
                    return response.respond(.error(.contentTooLarge, message: "form too large"))
                }
                let fields = HTTPQuery(parsing: String(decoding: body, as: UTF8.self))
                let rows = fields.map {
                    "<tr><th>\(escaped($0.name))</th><td>\(escaped($0.value))</td></tr>"
                }
                response.respond(
                    .html(
                        "<!doctype html><title>Form received</title><link rel=stylesheet href=/style.css>"
                            + "<h1>You sent</h1><table>\(rows.joined())</table><p><a href=/>Back</a></p>"
                    )
                )
            }
        }

        // Streams five lines, one every 200 ms, as a chunked body: the writer is used
        // after the handler has returned, from timers on the connection's loop.
        router.get("/api/stream") { _, response in
            response.writeHead(
                HTTPResponseHead(status: .ok, headers: ["Content-Type": "text/plain"])
            )
            streamLine(1, of: 5, to: response)
        }
    }

    private static func streamLine(_ number: Int, of total: Int, to response: HTTPResponseWriter) {
        guard number <= total else { return response.end() }
        response.writeBody(Array("line \(number) of \(total)\n".utf8))
        response.loop.schedule(after: .milliseconds(200)) {
            streamLine(number + 1, of: total, to: response)
        }
    }

    /// `text` as a JSON string literal, quotes and escapes included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result +=
                    "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `text` with HTML's special characters escaped, safe inside an element.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
