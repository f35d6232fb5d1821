import DemoSupport
import EventLoop
import HTTP
import SystemCalls

let command = DemoCommand(name: "http-server", summary: "tmp", defaultPort: 8080, options: [.init("--loops", "N", "loops")])
let options = command.parse()
do {
    let shutdown = try ShutdownSignal()
    let group = try EventLoopGroup(loopCount: options.integer("--loops", default: SystemInfo.activeProcessorCount))
    let plaintext = HTTPResponse.text("Hello, World!")
    let server = try HTTPServer(address: options.address(), group: group) { request, response in
        if request.method == .post {
            request.body.collect(upTo: 1 << 20) { result in
                switch result {
                case .success(let body): response.respond(HTTPResponse(status: .ok, body: body))
                case .failure(let error): response.respond(.error(.contentTooLarge, message: "\(error)"))
                }
            }
            return
        }
        response.respond(plaintext)
    }
    announceListening(on: server.localAddress)
    _ = await shutdown.wait()
    await server.shutdown(gracePeriod: .seconds(2))
    try group.shutdown()
} catch {
    print("\(error)")
    exit(1)
}
