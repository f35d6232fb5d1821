// http-server: a small website on the HTTP module: static files, JSON endpoints, a form
// that echoes, a streamed (chunked) answer, and /plaintext for benchmarks.
// Try it:   swift run http-server                 (serves Examples/site on port 8080)
//           curl -v http://127.0.0.1:8080/plaintext
//           curl -v -d 'name=Ada&message=hi' http://127.0.0.1:8080/form
//           open http://127.0.0.1:8080/ in a browser
// Options:  --root DIR (default Examples/site, relative to the current directory, so run
//           it from the repository root), --loops N, --cors-origin ORIGINS.
// Chapter:  Tutorials/09-http-server/README.md

import DemoSupport
import EventLoop
import HTTP
import SystemCalls

let command = DemoCommand(
    name: "http-server",
    summary: "a small HTTP/1.1 site: static files, JSON, a form, /plaintext",
    defaultPort: 8080,
    options: [
        .init("--root", "DIR", "directory of static files (default Examples/site)"),
        .init("--loops", "N", "event loops to run (default: one per core)"),
        .init("--cors-origin", "LIST", "comma-separated origins allowed to call /api"),
    ],
    examples: [
        "http-server --port 8080",
        "curl -v http://127.0.0.1:8080/",
        "curl -v -H 'Transfer-Encoding: chunked' -d @Package.swift http://127.0.0.1:8080/api/echo",
    ]
)
let options = command.parse()
let logger = Logger(label: "http-server")

let root = options.value("--root") ?? "Examples/site"
var files: StaticFileHandler?
do {
    files = try StaticFileHandler(root: root)
} catch {
    // An explicit --root must exist; the default may not (run from elsewhere): the
    // demo then serves its routes without static files.
    guard options.value("--root") == nil else {
        printToStandardError("http-server: cannot serve \(root): \(error)")
        CurrentProcess.exit(2)
    }
    logger.warning("no \(root) here: static files are off (pass --root DIR)")
}
var router = HTTPRouter()
router.use(RequestLogger())
if let origins = options.value("--cors-origin") {
    router.use(CORSMiddleware(allowedOrigins: Set(origins.split(separator: ",").map(String.init))))
}
Routes.add(to: &router)
router.fallback = files

await runServer(options: options, logger: logger) { group in
    try HTTPServer(address: options.address(), group: group, logger: logger, handler: router)
}
