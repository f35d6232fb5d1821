// ws-handshake: reads a WebSocket upgrade request from standard input, checks it as the
// server would, and prints the exact `101 Switching Protocols` head it would send, or the
// status and reason it would refuse with. Given keys as arguments, it prints each one's
// Sec-WebSocket-Accept value instead.
// Try it:   swift run ws-handshake dGhlIHNhbXBsZSBub25jZQ==
//           printf '%s\r\n' 'GET /chat HTTP/1.1' 'Host: x' 'Upgrade: websocket' \
//             'Connection: Upgrade' 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
//             'Sec-WebSocket-Version: 13' '' | swift run ws-handshake
// Options:  --protocol and --origin set what the server speaks and whom it lets in;
//           --crlf turns bare LF line ends into CR LF first, for typing by hand.
// Chapter:  Tutorials/10-websocket-handshake/README.md

import DemoSupport
import HTTP
import SystemCalls
import WebSockets

let command = DemoCommand(
    name: "ws-handshake",
    summary: "checks a WebSocket upgrade request from standard input and prints the answer",
    defaultPort: nil,
    options: [
        .init("--protocol", "LIST", "subprotocols the server speaks, best first: chat,superchat"),
        .init("--origin", "LIST", "origins let in, such as https://example.com (default: all)"),
        .init("--crlf", nil, "turn bare LF into CR LF before parsing"),
    ],
    positional: "[KEY...]",
    examples: [
        "ws-handshake dGhlIHNhbXBsZSBub25jZQ==",
        "printf '%s\\r\\n' 'GET / HTTP/1.1' 'Host: x' 'Upgrade: websocket' ... '' | ws-handshake",
    ]
)
let options = command.parse()

/// The comma-separated members of `flag`'s value, or `nil` if it was not given.
func list(_ flag: String) -> [String]? {
    options.value(flag).map { value in
        value.split(separator: ",").map { String($0.trimmingPrefix(" ")) }
    }
}

// With keys as arguments: the accept value of each, one per line.
if !options.arguments.isEmpty {
    for key in options.arguments {
        print(WebSocketAcceptKey(clientKey: key).value)
        if Base64.decode(key)?.count != 16 {
            printToStandardError(
                "note: \(key) is not 16 bytes in base64; a server refuses it (400)"
            )
        }
    }
    CurrentProcess.exit(0)
}

/// Reads standard input until the parser has a request head, or fails.
///
/// - Returns: The head.
/// - Throws: ``HTTPParseError`` if the bytes are not a valid request.
func readRequestHead() throws(HTTPParseError) -> HTTPRequestHead? {
    var parser = HTTPRequestParser()
    var buffer = [UInt8](repeating: 0, count: 4096)
    var previous: UInt8 = 0
    while true {
        let count = buffer.withUnsafeMutableBytes {
            (try? FileDescriptor(rawValue: 0).read(into: $0)) ?? nil
        }
        guard let count, count > 0 else {
            try parser.finishInput()
            return nil
        }
        var bytes: [UInt8] = []
        for byte in buffer[0..<count] {
            if options.isSet("--crlf") && byte == UInt8(ascii: "\n")
                && previous != UInt8(ascii: "\r")
            {
                bytes.append(UInt8(ascii: "\r"))
            }
            bytes.append(byte)
            previous = byte
        }
        parser.append(bytes)
        if case .head(let head) = try parser.next() { return head }
    }
}

let head: HTTPRequestHead
do {
    guard let request = try readRequestHead() else {
        printToStandardError("ws-handshake: no request on standard input")
        CurrentProcess.exit(1)
    }
    head = request
} catch {
    print("error: \(error) -> \(error.status)")
    CurrentProcess.exit(1)
}

var handshake = WebSocketServerHandshake(subprotocols: list("--protocol") ?? [])
if let origins = list("--origin") {
    handshake.isOriginAllowed = WebSocketServerHandshake.allowing(origins: origins)
}

do {
    let acceptance = try handshake.accept(head)
    // The head as the server writes it (ResponseSerializer.writeHead): status line, Date,
    // the handshake's fields, an empty line; every line ends in CR LF.
    var lines = ["HTTP/1.1 101 Switching Protocols"]
    lines.append("Date: \(HTTPDate.format(SystemInfo.utcNow()))")
    lines += acceptance.headers.map { "\($0.name): \($0.value)" }
    print(lines.joined(separator: "\r\n"), terminator: "\r\n\r\n")
} catch {
    print("refused: \(error.status)")
    print("  reason: \(error)")
    let skipped = ["Content-Type", "Content-Length", "X-Content-Type-Options"]
    for field in error.response.headers where !skipped.contains(field.name) {
        print("  \(field.name): \(field.value)")
    }
    CurrentProcess.exit(1)
}
