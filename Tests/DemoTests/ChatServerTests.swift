import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

/// The chat server's bar: many clients, slow clients, silent clients.
///
/// These tests start heavy processes, so they run one at a time.
@Suite("chat-server: a thousand clients, a slow one, a silent one", .serialized, .ownThread)
struct ChatServerTests {
    @Test(
        "holds 1,000 clients, every line reaches every other client intact and in order, and the descriptors come back"
    )
    func thousandClients() throws {
        let clientCount = 1000
        try OpenFileLimit.raise(toAtLeast: UInt64(clientCount) + 1024)
        let (server, address) = try startServer(["chat-server"])
        defer { server.kill() }
        let status = ProcessStatus(pid: server.pid)
        let baseline = try settledDescriptorCount(of: server, at: address)

        // Everyone joins; each learns its name from its welcome line.
        let crowd = try ChatCrowd(count: clientCount, connectingTo: address)
        defer { crowd.closeAll() }
        // On failure, say what the crowd and the server were doing.
        func explain(_ error: any Error) -> Comment {
            let running = server.isRunning ? "running" : "gone"
            return
                "\(error); \(crowd.summary); server \(running), stderr: \(server.standardError.suffix(3000))"
        }
        do {
            try crowd.pump(within: .seconds(60), waitingFor: "1,000 welcome lines") {
                !crowd.names.contains(nil)
            }
        } catch {
            Issue.record(explain(error))
            throw error
        }
        #expect(try status.descriptorCount() == baseline + clientCount)
        let names = crowd.names.map { $0 ?? "" }
        #expect(Set(names).count == clientCount)

        // 25 clients, spread over the crowd (and so over the server's loops), send 4 lines
        // each. Every other client must receive exactly those 100 lines, each once, intact,
        // with the sender's name, in the order each sender sent them, and never its own.
        let senders = Array(stride(from: 0, to: clientCount, by: clientCount / 25))
        let linesPerSender = 4
        let expected = senders.map { sender in
            (0..<linesPerSender).map { number in
                "line \(number) from \(names[sender]) "
                    + String(repeating: "0123456789", count: 1 + sender % 7)
            }
        }
        let senderByName = Dictionary(
            uniqueKeysWithValues: senders.enumerated().map { (names[$1], $0) }
        )
        for (position, sender) in senders.enumerated() {
            try crowd.send(expected[position].map { $0 + "\n" }.joined(), from: sender)
        }
        let expectedBytes = expected.enumerated().map { position, lines in
            lines.map { Array("\(names[senders[position]]): \($0)".utf8) }
        }
        let totalLines = senders.count * linesPerSender
        var nextLine = [[Int]](
            repeating: [Int](repeating: 0, count: senders.count),
            count: clientCount
        )
        var receivedCount = [Int](repeating: 0, count: clientCount)
        let wantedCount = (0..<clientCount).map {
            senderByName[names[$0]] == nil ? totalLines : totalLines - linesPerSender
        }
        var problems: [String] = []
        var complete = 0
        do {
            try crowd.pump(within: .seconds(60), waitingFor: "\(totalLines) lines at each client") {
                complete == clientCount || problems.count >= 10
            } handle: { receiver, line in
                if line.starts(with: Array("* ".utf8)) { return }  // "* guest-N joined" notices
                let name = String(decoding: line.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self)
                guard let position = senderByName[name], senders[position] != receiver,
                    nextLine[receiver][position] < linesPerSender,
                    line.elementsEqual(expectedBytes[position][nextLine[receiver][position]])
                else {
                    problems.append(
                        "client \(receiver) got \(String(decoding: line, as: UTF8.self))"
                    )
                    return
                }
                nextLine[receiver][position] += 1
                receivedCount[receiver] += 1
                if receivedCount[receiver] == wantedCount[receiver] { complete += 1 }
            }
        } catch {
            Issue.record(explain(error))
            throw error
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(receivedCount == wantedCount)
        #expect(!crowd.hasEnded.contains(true))

        // Everyone leaves: the server must close every one of their sockets.
        crowd.closeAll()
        var count = -1
        let backToBaseline = try waitUntil(within: .seconds(30)) {
            count = try status.descriptorCount()
            return count == baseline
        }
        #expect(
            backToBaseline,
            "the server holds \(count) descriptors, \(baseline) before the clients came"
        )

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "a client that never reads is disconnected past --max-pending, the server's memory stays bounded, and the others carry on"
    )
    func slowClient() throws {
        let maximumPending = 262_144
        let (server, address) = try startServer([
            "chat-server", "--max-pending", "\(maximumPending)",
        ])
        defer { server.kill() }
        let status = ProcessStatus(pid: server.pid)
        let socketsBefore = try status.socketCount()

        // The slow client never reads, and keeps its receive buffer small.
        let slow = try ChatClient(
            lines: LineReader(Connection.connect(to: address, receiveBufferSize: 4096))
        )
        defer { slow.connection.close() }
        // The normal client reads everything, on a thread of its own.
        var normal = try ChatClient(to: address)
        defer { normal.connection.close() }
        let sender = try ChatClient(to: address)
        defer { sender.connection.close() }
        try normal.waitFor(notice: "* \(sender.name) joined")
        let memoryBefore = try status.residentBytes()

        // 50 MB of lines, two hundred times what the server may queue for the slow client.
        // The normal client reads each batch before the next is sent, so it never falls
        // behind by more than one batch (100 KB) and is never the one cut off.
        let batches = 500
        let linesPerBatch = 100
        let line = String(repeating: "x", count: 999) + "\n"
        let batch = Array(String(repeating: line, count: linesPerBatch).utf8)
        let relayedBatch = linesPerBatch * ("\(sender.name): ".utf8.count + line.utf8.count)
        var normalBytes = 0
        var tail: [UInt8] = []
        for number in 1...batches {
            try sender.connection.writeAll(batch)
            let deadline = Deadline(after: .seconds(10))
            while normalBytes < number * relayedBatch {
                try normal.connection.waitReadable(before: deadline, for: "batch \(number)")
                let bytes = try normal.connection.read()
                if bytes.isEmpty { break }
                normalBytes += bytes.count
                tail = (tail + bytes).suffix(64)
            }
        }
        let finalLine = "\(sender.name): the flood is over\n"
        try sender.connection.writeAll("the flood is over\n")
        let deadline = Deadline(after: .seconds(10))
        while !String(decoding: tail, as: UTF8.self).hasSuffix(finalLine) {
            try normal.connection.waitReadable(before: deadline, for: "the last line")
            let bytes = try normal.connection.read()
            if bytes.isEmpty { break }
            normalBytes += bytes.count
            tail = (tail + bytes).suffix(64)
        }
        #expect(String(decoding: tail, as: UTF8.self).hasSuffix(finalLine))
        #expect(normalBytes >= batches * relayedBatch + finalLine.utf8.count)
        let growth = try status.peakResidentBytes() - memoryBefore
        #expect(growth < 32 << 20, "the server grew by \(growth >> 20) MiB while relaying 50 MB")

        // The slow client was cut off: it reads what the kernels had buffered, then the end.
        let leftovers = try slow.connection.readToEnd(before: Deadline(after: .seconds(10)))
        #expect(leftovers.count < 16 << 20, "the slow client received \(leftovers.count) bytes")
        #expect(try status.socketCount() == socketsBefore + 2, "the normal client and the sender")

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "a line longer than 4 KiB gets its sender a goodbye and the end of stream; the others carry on"
    )
    func lineTooLong() throws {
        let (server, address) = try startServer(["chat-server"])
        defer { server.kill() }
        var rude = try ChatClient(to: address)
        defer { rude.connection.close() }
        var polite = try ChatClient(to: address)
        defer { polite.connection.close() }
        try rude.waitFor(notice: "* \(polite.name) joined")

        try rude.connection.writeAll(String(repeating: "x", count: 5000))
        #expect(try rude.lines.nextLine() == "* line too long, goodbye")
        #expect(try rude.lines.nextLine() == nil)
        rude.connection.close()  // the server waits for this before it lets go of the socket
        try polite.waitFor(notice: "* \(rude.name) left")
        var third = try ChatClient(to: address)
        defer { third.connection.close() }
        try polite.connection.writeAll("still here\n")
        #expect(try third.nextMessage() == "\(polite.name): still here")

        polite.connection.close()
        third.connection.close()
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("with --idle-timeout 1 a silent client is disconnected after about a second")
    func idleTimeout() throws {
        let (server, address) = try startServer(["chat-server", "--idle-timeout", "1"])
        defer { server.kill() }
        var silent = try ChatClient(to: address)
        let started = ContinuousClock.now
        #expect(try silent.lines.nextLine(within: .seconds(5)) == nil)  // the end of stream
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(900))
        #expect(waited < .seconds(4))
        silent.connection.close()

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}

/// The server's descriptor count once it is up and has served one client.
///
/// The runtime opens a descriptor or two of its own shortly after start (Dispatch's
/// `timerfd`), so the baseline is taken after a first client has come and gone and the
/// server holds the same sockets as before it came.
func settledDescriptorCount(of server: DemoProcess, at address: SocketAddress) throws -> Int {
    let status = ProcessStatus(pid: server.pid)
    let socketsBefore = try status.socketCount()
    let first = try Connection.connect(to: address, timeout: .seconds(5))
    var lines = LineReader(first)
    _ = try lines.nextLine()
    first.close()
    var sockets = -1
    let settled = try waitUntil(within: .seconds(10)) {
        sockets = try status.socketCount()
        return sockets == socketsBefore
    }
    guard settled else {
        throw DemoProcessError.unexpectedOutput(
            server.name,
            "\(sockets) sockets open after the first client left, \(socketsBefore) before it came"
        )
    }
    return try status.descriptorCount()
}
