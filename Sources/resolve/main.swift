// resolve: looks up host names with getaddrinfo and shows each address as the kernel
//          stores it, in network byte order.
// Try it:   swift run resolve localhost
//           swift run resolve --port 443 example.com 127.0.0.1 ::1
// Chapter:  Tutorials/02-addresses-and-byte-order/README.md

import DemoSupport
import Sockets
import SystemCalls

let command = DemoCommand(
    name: "resolve",
    summary: "resolves names to socket addresses and shows their bytes",
    defaultPort: 80,
    positional: "NAME...",
    examples: ["resolve localhost", "resolve --port 443 localhost 127.0.0.1 ::1"]
)
let options = command.parse()
let names = options.arguments.isEmpty ? [options.host] : options.arguments

func hex(_ bytes: [UInt8]) -> String {
    bytes.map {
        String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }
    .joined(separator: " ")
}

var failed = false
for name in names {
    do {
        // snippet: resolve
        for address in try SocketAddress.resolve(host: name, port: options.port) {
            let port = address.port
            // Network byte order is big-endian: the high byte first.
            let networkOrder = [UInt8(port >> 8), UInt8(port & 0xFF)]
            printFlushed(
                "\(name) -> \(address)  family \(address.family)  "
                    + "port bytes \(hex(networkOrder))  address bytes \(hex(address.addressBytes))"
            )
        }
        // end-snippet
    } catch {
        printToStandardError("resolve: \(error)")
        failed = true
    }
}
CurrentProcess.exit(failed ? 1 : 0)
