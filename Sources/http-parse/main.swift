// http-parse: feeds standard input through the HTTP request parser and prints what it
// finds: each request's head, its body size, and the status an error would get.
// Try it:   printf 'GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n' | swift run http-parse
//           printf 'GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n' | swift run http-parse
// Options:  --crlf turns bare LF line ends into CR LF first, for typing by hand.
// Chapter:  Tutorials/08-http-messages/README.md

import DemoSupport
import HTTP
import SystemCalls

let command = DemoCommand(
    name: "http-parse",
    summary: "parses HTTP requests from standard input and prints them",
    defaultPort: nil,
    options: [.init("--crlf", nil, "turn bare LF into CR LF before parsing")],
    examples: ["printf 'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' | http-parse"]
)
let options = command.parse()

/// Feeds bytes to a parser and prints each event.
struct RequestPrinter {
    var parser = HTTPRequestParser()
    var bodyBytes = 0

    /// Adds bytes and prints every event they complete; returns `false` on an error.
    mutating func feed(_ bytes: [UInt8]) -> Bool {
        parser.append(bytes)
        do {
            while true {
                switch try parser.next() {
                case .needMoreData:
                    return true
                case .head(let head):
                    printHead(head)
                    bodyBytes = 0
                case .body(let bytes):
                    bodyBytes += bytes.count
                case .end(let trailers):
                    print("  end: \(bodyBytes) body bytes, \(trailers.count) trailer fields")
                }
            }
        } catch {
            print("error: \(error) -> \(error.status)")
            return false
        }
    }

    /// Checks that input ended between requests.
    mutating func finish() -> Bool {
        do {
            try parser.finishInput()
            return true
        } catch {
            print("error: \(error) -> \(error.status)")
            return false
        }
    }

    private func printHead(_ head: HTTPRequestHead) {
        print("\(head.method) \(head.target) \(head.version)")
        let decoded = head.decodedPath ?? "(invalid encoding)"
        print("  path \(head.path.debugDescription), decoded \(decoded.debugDescription)")
        for item in head.queryItems {
            print("  query \(item.name) = \(item.value.debugDescription)")
        }
        for field in head.headers { print("  \(field.name): \(field.value)") }
        print("  body \(head.bodyLength), keep-alive \(head.keepAlive)")
    }
}

var printer = RequestPrinter()
var buffer = [UInt8](repeating: 0, count: 4096)
var previous: UInt8 = 0
var succeeded = true
while succeeded {
    let count = buffer.withUnsafeMutableBytes {
        (try? FileDescriptor(rawValue: 0).read(into: $0)) ?? nil
    }
    guard let count, count > 0 else {
        succeeded = printer.finish()
        break
    }
    var bytes: [UInt8] = []
    for byte in buffer[0..<count] {
        if options.isSet("--crlf") && byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
            bytes.append(UInt8(ascii: "\r"))
        }
        bytes.append(byte)
        previous = byte
    }
    succeeded = printer.feed(bytes)
}
CurrentProcess.exit(succeeded ? 0 : 1)
