import EventLoop
import ExerciseSupport
import Sockets
import WebSockets

/// Frames read from a real connection with the library's own parser, a few bytes at a time.
///
/// The WebSocket exercises' wire tests check the learner's piece against the library's
/// finished ones: what the learner's code sends must parse with `WebSocketFrameParser`, and
/// what the library sends is read back here. Small reads make every frame arrive in pieces.
public struct FrameReader {
    /// The connection the frames come from.
    public let connection: Connection
    /// Every byte read so far, for failure messages.
    public private(set) var received: [UInt8] = []
    private var parser: WebSocketFrameParser
    private let pieceSize: Int

    /// Reads frames sent by `sender` from `connection`.
    ///
    /// - Parameters:
    ///   - connection: A connected socket.
    ///   - sender: Who writes the frames: a client masks them, a server does not.
    ///   - pieceSize: The most bytes one read asks for.
    ///   - alreadyReceived: Bytes read before, such as those that came in with the
    ///     handshake's response, to parse first.
    public init(
        _ connection: Connection,
        sender: WebSocketFrameParser.Sender,
        pieceSize: Int = 7,
        alreadyReceived: [UInt8] = []
    ) {
        self.connection = connection
        self.parser = WebSocketFrameParser(sender: sender, maximumFrameSize: 1 << 24)
        self.pieceSize = pieceSize
        self.received = alreadyReceived
        parser.append(alreadyReceived)
    }

    /// The next frame, or `nil` once the peer has closed the connection.
    ///
    /// - Parameter timeout: How long one read may wait.
    /// - Returns: The frame, its payload unmasked.
    /// - Throws: ``FrameNotReceived`` when nothing arrives in time or the read fails;
    ///   `WebSocketProtocolError` for bytes that are not a valid frame.
    public mutating func nextFrame(timeout: Duration = .seconds(5)) throws -> WebSocketFrame? {
        while true {
            if let frame = try parser.nextFrame() { return frame }
            let piece = connection.readSome(upTo: pieceSize, timeout: timeout)
            switch piece.ending {
            case .complete:
                received += piece.bytes
                parser.append(piece.bytes)
            case .endOfStream:
                return nil
            case .timedOut, .failed:
                throw FrameNotReceived(received: received, ending: piece.ending)
            }
        }
    }

    /// Every frame until the peer closes the connection, summarised by ``summary(of:)``.
    ///
    /// - Parameter timeout: How long one read may wait.
    /// - Returns: One line per frame, then `"end of stream"`.
    /// - Throws: What ``nextFrame(timeout:)`` throws.
    public mutating func summariesToEnd(timeout: Duration = .seconds(5)) throws -> [String] {
        var summaries: [String] = []
        while let frame = try nextFrame(timeout: timeout) {
            summaries.append(summary(of: frame))
            if summaries.count > 1000 { break }  // a peer that never stops: fail below
        }
        return summaries + ["end of stream"]
    }
}

/// Nothing, or not a whole frame, arrived in time.
public struct FrameNotReceived: Error, CustomStringConvertible {
    /// What had arrived.
    public let received: [UInt8]
    /// How the last read ended.
    public let ending: ReadEnding

    /// Says that `received` is all that came, and how the last read ended.
    ///
    /// - Parameters:
    ///   - received: The bytes that did arrive.
    ///   - ending: How the last read ended.
    public init(received: [UInt8], ending: ReadEnding) {
        self.received = received
        self.ending = ending
    }

    /// `no complete frame: received 3 bytes [81 05 48], then nothing more ...`.
    public var description: String {
        var what = Received()
        what.bytes = received
        what.ending = ending
        return "no complete frame: \(what)"
    }
}

/// A frame in one line, for comparing what arrived with what should have.
///
/// `text "hello"`, `binary 3 bytes [01 02 03] (not final)`, `close 1000 "bye"`,
/// `close (empty)`.
///
/// - Parameter frame: The frame.
/// - Returns: The summary.
public func summary(of frame: WebSocketFrame) -> String {
    let fin = frame.isFinal ? "" : " (not final)"
    if frame.opcode == .close {
        guard frame.payload.count >= 2 else { return "close (empty)" }
        let code = UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1])
        let reason = String(decoding: frame.payload.dropFirst(2), as: UTF8.self)
        return "close \(code) \(reason.debugDescription)"
    }
    if frame.opcode == .text, let text = String(validating: frame.payload, as: UTF8.self) {
        return "text \(text.debugDescription)\(fin)"
    }
    return "\(frame.opcode) \(describeBytes(frame.payload))\(fin)"
}

/// Starts the library's WebSocket server speaking frames from the first byte (no HTTP
/// handshake), echoing every message and answering pings: the other end for wire tests.
///
/// - Parameters:
///   - group: The loops to serve on.
///   - closes: Where to record the code and reason of each connection's end, if given.
/// - Returns: The server; its `localAddress` has the port.
/// - Throws: `SystemCallError` if it cannot listen.
public func startEchoServer(
    group: EventLoopGroup,
    closes: ExerciseSupport.Locked<[String]>? = nil
) throws -> TCPServer {
    try TCPServer(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0), group: group) {
        connection in
        let handler = WebSocketConnectionHandler(connection: connection, role: .server)
        handler.webSocket.onMessage = { webSocket, message in webSocket.send(message) }
        handler.webSocket.onClose = { _, code, reason in
            closes?.withLock { $0.append("\(code.rawValue) \(reason)") }
        }
        return handler
    }
}

/// Bytes as lower-case hex digits, two a byte: how digests are printed.
///
/// - Parameter bytes: The bytes.
/// - Returns: Such as `"a9993e36"`.
public func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}
