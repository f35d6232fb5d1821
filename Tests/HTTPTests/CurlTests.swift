import Foundation
import TestSupport
import Testing

/// The built `http-server` demo, running on a free port for one test.
final class DemoServer {
    let demo: DemoProcess
    let port: UInt16

    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init() throws {
        demo = try DemoProcess(
            "http-server",
            [
                "--port", "0", "--root",
                Self.repositoryRoot.appendingPathComponent("Examples/site").path,
            ]
        )
        let address = try demo.listeningAddress()
        #expect("\(address)" == "127.0.0.1:\(address.port)")
        port = address.port
    }

    deinit {
        if demo.isRunning {
            demo.send(SIGINT)
            _ = try? demo.waitForExit()
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }
}

/// Runs curl with `arguments`; returns its standard output and standard error.
func curl(_ arguments: [String]) throws -> (output: String, errors: String) {
    let path = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    let executable = try #require(path, "curl is required for these tests: apt-get install curl")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--silent", "--show-error", "--max-time", "5"] + arguments
    let output = try ChildLaunch.pipe()
    let errors = try ChildLaunch.pipe()
    process.standardOutput = output
    process.standardError = errors
    try ChildLaunch.run(process)
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(
        process.terminationStatus == 0,
        "curl \(arguments) exited with \(process.terminationStatus)"
    )
    return (String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

@Suite("Real curl against the http-server demo", .serialized, .timeLimit(.minutes(1)), .ownThread)
struct CurlTests {
    @Test("curl -v GET shows the status line, Date and the body")
    func get() throws {
        let server = try DemoServer()
        let result = try curl(["-v", server.url + "/plaintext"])
        #expect(result.output == "Hello, World!")
        #expect(result.errors.contains("< HTTP/1.1 200 OK"))
        #expect(result.errors.contains("< Date: "))
        #expect(result.errors.contains("< Content-Length: 13"))
    }

    @Test("curl -I (HEAD) gets the fields and no body")
    func head() throws {
        let server = try DemoServer()
        let result = try curl(["-I", server.url + "/"])
        #expect(result.output.hasPrefix("HTTP/1.1 200 OK"))
        #expect(result.output.contains("Content-Type: text/html; charset=utf-8"))
        #expect(result.output.contains("ETag: "))
        #expect(!result.output.contains("<html"))
    }

    @Test("a form POST is echoed, escaped")
    func post() throws {
        let server = try DemoServer()
        let result = try curl(["-d", "name=Ada&message=1+%3C+2", server.url + "/form"])
        #expect(result.output.contains("<td>Ada</td>"))
        #expect(result.output.contains("<td>1 &lt; 2</td>"))
    }

    @Test("a chunked upload comes back whole")
    func chunkedUpload() throws {
        let server = try DemoServer()
        let file = DemoServer.repositoryRoot.appendingPathComponent("Package.swift").path
        let result = try curl([
            "-v", "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: text/plain",
            "--data-binary", "@\(file)", server.url + "/api/echo",
        ])
        #expect(result.errors.contains("> Transfer-Encoding: chunked"))
        #expect(result.output == (try String(contentsOfFile: file, encoding: .utf8)))
    }

    @Test("curl reuses one keep-alive connection for several URLs")
    func keepAliveReuse() throws {
        let server = try DemoServer()
        let result = try curl([
            "-v", server.url + "/plaintext", server.url + "/api/hello/curl",
            server.url + "/style.css",
        ])
        #expect(result.output.hasPrefix("Hello, World!{\"greeting\":\"Hello, curl!\"}"))
        #expect(result.errors.contains("Re-using existing connection"))
        #expect(result.errors.components(separatedBy: "Connected to").count == 2)  // one connect
    }

    @Test("SIGTERM ends the demo gracefully, with exit status 0", arguments: [SIGTERM, SIGINT])
    func stops(signal: Int32) throws {
        let server = try DemoServer()
        _ = try curl([server.url + "/plaintext"])
        server.demo.send(signal)
        #expect(try server.demo.waitForExit() == .exited(0))
    }

    @Test("the site's pages, JSON and a traversal attempt, as a browser would ask")
    func site() throws {
        let server = try DemoServer()
        #expect(try curl([server.url + "/"]).output.contains("SocketLadder"))
        #expect(try curl([server.url + "/api/time"]).output.hasPrefix("{\"unixTime\":"))
        let status = try curl([
            "--path-as-is", "-o", "/dev/null", "-w", "%{http_code}",
            server.url + "/../Package.swift",
        ])
        #expect(status.output == "403")
    }
}
