import Dispatch
import EventLoop
import HTTP
import Sockets
import SystemCalls
import Testing

/// A server on 127.0.0.1:0 for one test, with its own loops, shut down afterwards.
struct TestServer {
    let server: HTTPServer
    let group: EventLoopGroup

    /// The server's base URL, such as `http://127.0.0.1:40123`.
    var url: String { "http://127.0.0.1:\(server.localAddress.port)" }
    var address: SocketAddress { server.localAddress }

    /// The defaults, but with a keep-alive timeout long enough that a test starved of CPU
    /// by the suites running beside it (some compile whole packages) never sees its idle
    /// connection closed; the tests of the timeouts set their own.
    static var testConfiguration: HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration()
        configuration.keepAliveTimeout = .seconds(60)
        return configuration
    }

    /// Runs `body` against a fresh server serving `handler`, then shuts everything down.
    static func with<Result>(
        configuration: HTTPServer.Configuration = testConfiguration,
        loops: Int = 2,
        handler: any HTTPHandler,
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        let group = try EventLoopGroup(loopCount: loops)
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            configuration: configuration,
            logger: Logger(label: "test-server", level: .error),
            handler: handler
        )
        let testServer = TestServer(server: server, group: group)
        do {
            let result = try await body(testServer)
            await server.shutdown(gracePeriod: .milliseconds(200))
            try group.shutdown()
            return result
        } catch {
            await server.shutdown(gracePeriod: .milliseconds(200))
            try group.shutdown()
            throw error
        }
    }

    /// Runs `body` against a server answering with a closure.
    static func with<Result>(
        configuration: HTTPServer.Configuration = testConfiguration,
        loops: Int = 2,
        _ handle: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void,
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        try await with(
            configuration: configuration,
            loops: loops,
            handler: HTTPHandlerFunction(handle),
            body
        )
    }

    /// A raw, blocking TCP connection to the server, for bytes no HTTP client would send.
    func rawConnection() throws -> RawConnection {
        try RawConnection(address: address)
    }
}

/// A blocking socket with a receive timeout, so a test can never wait forever.
///
/// Every blocking call runs on the connection's own serial queue, not on the Swift
/// concurrency pool: a test blocked in `read` must not starve the tasks of other tests
/// (on a 2-core machine the pool has two threads).
final class RawConnection: @unchecked Sendable {
    // Why `@unchecked Sendable` is safe: `received` is only touched inside blocks on
    // `queue`, which is serial; `connection` is itself `Sendable`.
    let connection: Connection
    private let queue = DispatchQueue(label: "raw-connection")
    private var received: [UInt8] = []

    init(address: SocketAddress, timeout: Duration = .seconds(10)) throws {
        connection = try Connection.connect(to: address, timeout: timeout)
        try connection.socket.setReceiveTimeout(timeout)
    }

    deinit { connection.close() }

    /// Runs `body` on the queue and returns its result.
    private func onQueue<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) async throws {
        let connection = connection
        try await onQueue { Result { try connection.writeAll(bytes) } }.get()
    }

    /// Reads until the peer closes (or the timeout passes); returns everything read.
    func readUntilClosed() async -> String {
        await onQueue { [self] in
            while let bytes = try? connection.read(upTo: 65536), !bytes.isEmpty {
                received += bytes
            }
            defer { received = [] }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Reads one complete response (head, then a `Content-Length` body).
    ///
    /// What follows stays for the next call. Returns `nil` if the connection closed first.
    func readResponse(toHead: Bool = false) async -> RawResponse? {
        await onQueue { [self] in
            while true {
                if let response = RawResponse.parse(&received, toHead: toHead) { return response }
                guard let bytes = try? connection.read(upTo: 65536), !bytes.isEmpty else {
                    return nil
                }
                received += bytes
            }
        }
    }

    /// Reads until at least `count` bytes have arrived (or the timeout passes).
    func read(atLeast count: Int) async -> String {
        await onQueue { [self] in
            while received.count < count, let bytes = try? connection.read(upTo: 65536),
                !bytes.isEmpty
            {
                received += bytes
            }
            defer { received = [] }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Whether the server has closed the connection (end of file, or a reset).
    func isClosedByPeer() async -> Bool {
        await onQueue { [self] in
            do throws(SystemCallError) {
                let bytes = try connection.read(upTo: 1)
                return bytes.isEmpty
            } catch {
                return error.errno == .connectionReset
            }
        }
    }
}

/// A response as raw text: status code, fields, body; enough for tests.
struct RawResponse {
    var status: Int
    var head: String
    var body: String

    func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingPrefix(" ").description
            }
        }
        return nil
    }

    /// Takes one response off the front of `buffer` if it is complete.
    static func parse(_ buffer: inout [UInt8], toHead: Bool = false) -> RawResponse? {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = buffer.firstRange(of: separator) else { return nil }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        guard let statusText = head.split(separator: " ").dropFirst().first,
            let status = Int(statusText)
        else { return nil }
        var response = RawResponse(status: status, head: head, body: "")
        let length = response.header("Content-Length").flatMap { Int($0) } ?? 0
        let bodyStart = end.upperBound
        let hasBody = status >= 200 && status != 204 && status != 304 && !toHead
        let bodyLength = hasBody ? length : 0
        guard buffer.count >= bodyStart + bodyLength else { return nil }
        response.body = String(decoding: buffer[bodyStart..<bodyStart + bodyLength], as: UTF8.self)
        buffer.removeFirst(bodyStart + bodyLength)
        return response
    }
}

/// The answer most tests use: the method and path, as text.
let echoRequestLine: @Sendable (HTTPRequest, HTTPResponseWriter) -> Void = { request, response in
    response.respond(.text("\(request.method) \(request.path)"))
}
