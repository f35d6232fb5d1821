import E0803
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Testing

/// The library's default trailer limits.
let trailerLimits = HeadScanner.Limits(
    maximumTargetLength: 8192,
    maximumFieldBytes: 16384,
    maximumFieldCount: 100
)

/// Everything a decoder produced from some input.
struct Decoded: Equatable, CustomStringConvertible {
    /// The body bytes, joined.
    var body: [UInt8] = []
    /// The trailers, once the end was reached.
    var trailers: HTTPHeaders?
    /// The error's description, if one was thrown.
    var error: String?
    /// How many bytes had been fed when the decoder ended or failed.
    var answeredAfter: Int?
    /// The bytes left in the input after the end: the next message.
    var leftover: [UInt8] = []

    var description: String {
        "body \(describeBytes(body)), trailers \(trailers.map { "[\($0)]" } ?? "none"), "
            + "error \(error ?? "none"), after \(answeredAfter.map(String.init) ?? "-") bytes, "
            + "leftover \(describeBytes(leftover))"
    }
}

/// Feeds `bytes` in pieces of `pieceSize` bytes to a new decoder, calling `next` until it
/// needs more after each piece, as the request parser does.
func decode(
    _ bytes: [UInt8],
    pieceSize: Int = .max,
    maximumBodySize: Int = 1 << 20
) -> Decoded {
    var decoder = E0803.ChunkedDecoder(
        maximumBodySize: maximumBodySize,
        trailerLimits: trailerLimits
    )
    var input = InputBuffer()
    var result = Decoded()
    var fed = 0
    while fed < bytes.count {
        let end = min(bytes.count, fed + max(1, pieceSize))
        input.append(Array(bytes[fed..<end]))
        fed = end
        guard result.trailers == nil else { continue }
        do {
            decoding: while true {
                switch try decoder.next(&input) {
                case .needMoreData: break decoding
                case .data(let piece):
                    if piece.isEmpty {
                        result.error = "an empty .data: return .needMoreData instead"
                    }
                    result.body += piece
                case .end(let trailers):
                    result.trailers = trailers
                    result.answeredAfter = fed
                    break decoding
                }
            }
        } catch {
            result.error = "\(error)"
            result.answeredAfter = fed
            return result
        }
    }
    result.leftover = input.takeAll()
    return result
}

/// The same, for text.
func decode(_ text: String, pieceSize: Int = .max, maximumBodySize: Int = 1 << 20) -> Decoded {
    decode(Array(text.utf8), pieceSize: pieceSize, maximumBodySize: maximumBodySize)
}

@Suite("8.3 ChunkedDecoder: chunk sizes, data, extensions, trailers, refusals", .serialized)
struct ChunkedDecoderTests {
    @Test("one chunk and the last chunk give the body and no trailers")
    func oneChunk() {
        let result = decode("5\r\nhello\r\n0\r\n\r\n")
        #expect(result == Decoded(body: Array("hello".utf8), trailers: [:], answeredAfter: 15))
    }

    @Test("sizes are hexadecimal, in either case")
    func hexSizes() {
        let data26 = String(repeating: "x", count: 26)
        let data10 = String(repeating: "y", count: 10)
        let result = decode("1a\r\n\(data26)\r\nA\r\n\(data10)\r\n0\r\n\r\n")
        #expect(result.body == Array((data26 + data10).utf8), "\(result)")
        #expect(result.error == nil, "\(result)")
    }

    @Test("data is handed out as it arrives, not held until its chunk is complete")
    func streaming() throws {
        var decoder = E0803.ChunkedDecoder(maximumBodySize: 100, trailerLimits: trailerLimits)
        var input = InputBuffer()
        input.append(Array("a\r\nhello".utf8))
        #expect(try decoder.next(&input) == .data(Array("hello".utf8)))
        #expect(try decoder.next(&input) == .needMoreData)
        input.append(Array("world\r\n0\r\n\r\n".utf8))
        #expect(try decoder.next(&input) == .data(Array("world".utf8)))
        #expect(try decoder.next(&input) == .end(trailers: [:]))
    }

    @Test("chunk extensions are allowed and ignored")
    func extensions() {
        let result = decode("5;name=value\r\nhello\r\n3 ; a=\"b c\"\r\nabc\r\n0;last\r\n\r\n")
        #expect(result.body == Array("helloabc".utf8), "\(result)")
        #expect(result.trailers == [:], "\(result)")
    }

    @Test("trailer fields after the last chunk are returned with the end")
    func trailers() {
        let result = decode("3\r\nabc\r\n0\r\nDigest: sha-256=X48E9q\r\nExpires:  never \r\n\r\n")
        #expect(result.trailers == ["Digest": "sha-256=X48E9q", "Expires": "never"], "\(result)")
    }

    @Test("bytes after the body stay in the input: they are the next request")
    func leavesTheNextRequest() {
        let result = decode("2\r\nhi\r\n0\r\n\r\nGET /next HTTP/1.1\r\n")
        #expect(result.body == Array("hi".utf8), "\(result)")
        #expect(result.leftover == Array("GET /next HTTP/1.1\r\n".utf8), "\(result)")
    }

    static let stream = Array(
        ("4;a=b\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n"
            + "0\r\nX-Checksum: 42\r\n\r\nNEXT").utf8
    )

    @Test("fed one byte at a time, or in pieces of 2, 3, 7: the same result")
    func pieceSizes() {
        let whole = decode(Self.stream)
        #expect(whole.body == Array("Wikipedia in \r\n\r\nchunks.".utf8), "\(whole)")
        #expect(whole.trailers == ["X-Checksum": "42"], "\(whole)")
        #expect(whole.leftover == Array("NEXT".utf8), "\(whole)")
        for size in [1, 2, 3, 7] {
            var result = decode(Self.stream, pieceSize: size)
            result.answeredAfter = whole.answeredAfter
            #expect(result == whole, "in pieces of \(size): \(result)")
        }
    }

    @Test("split in two at every position: the same result")
    func everySplit() {
        let whole = decode(Self.stream)
        for cut in 1..<Self.stream.count {
            var decoder = E0803.ChunkedDecoder(maximumBodySize: 100, trailerLimits: trailerLimits)
            var input = InputBuffer()
            var body: [UInt8] = []
            var trailers: HTTPHeaders?
            do {
                for piece in [Self.stream[..<cut], Self.stream[cut...]] where trailers == nil {
                    input.append(Array(piece))
                    decoding: while true {
                        switch try decoder.next(&input) {
                        case .needMoreData: break decoding
                        case .data(let bytes): body += bytes
                        case .end(let fields):
                            trailers = fields
                            break decoding
                        }
                    }
                }
            } catch {
                Issue.record("split at \(cut): \(error)")
                return
            }
            #expect(body == whole.body && trailers == whole.trailers, "split at \(cut)")
        }
    }

    static let refused: [(String, HTTPParseError)] = [
        ("zz\r\n", .badChunkSize),
        ("\r\n", .badChunkSize),
        (";ext\r\n", .badChunkSize),
        ("5 x\r\nhello\r\n", .badChunkSize),
        ("5;\u{0}\r\nhello\r\n", .badChunkSize),
        ("5\nhello\r\n", .badLineEnding),
        ("5\r\nhelloX\r\n", .missingChunkTerminator),
        ("5\r\nhello\n0\r\n", .missingChunkTerminator),
        ("1000000000000000\r\n", .chunkSizeTooLarge),
        ("10000000000000010\r\nabcd\r\n", .chunkSizeTooLarge),
        ("0\r\nX : y\r\n\r\n", .whitespaceBeforeColon("X ")),
        ("0\r\nX: y\n\r\n", .badLineEnding),
    ]

    @Test(
        "each malformed body throws its HTTPParseError, whole or byte by byte",
        arguments: refused
    )
    func refusals(text: String, error: HTTPParseError) {
        #expect(decode(text).error == "\(error)", "\(decode(text))")
        #expect(decode(text, pieceSize: 1).error == "\(error)", "\(decode(text, pieceSize: 1))")
    }

    @Test("leading zeros are not significant digits: 25 of them and a 3 is a size of 3")
    func leadingZeros() {
        let result = decode(String(repeating: "0", count: 25) + "3\r\nabc\r\n0\r\n\r\n")
        #expect(result.body == Array("abc".utf8), "\(result)")
        #expect(result.error == nil, "\(result)")
    }

    @Test("fifteen significant hex digits are a (huge) size: the body limit refuses it")
    func fifteenDigits() {
        let huge = decode("fffffffffffffff\r\n", maximumBodySize: .max)
        #expect(huge.error == nil && huge.trailers == nil, "a size, waiting for data: \(huge)")
        let limited = decode("fffffffffffffff\r\n", maximumBodySize: 1 << 20)
        #expect(limited.error == "\(HTTPParseError.bodyTooLarge(limit: 1 << 20))", "\(limited)")
    }

    @Test("the body limit counts every chunk, and refuses at the size line, before the data")
    func bodyLimit() {
        let text = "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n"
        let result = decode(text, pieceSize: 1, maximumBodySize: 10)
        #expect(result.error == "\(HTTPParseError.bodyTooLarge(limit: 10))", "\(result)")
        #expect(result.answeredAfter == 16, "refuse when the second size line ends: \(result)")
        #expect(HTTPParseError.bodyTooLarge(limit: 10).status.code == 413)
    }

    @Test("a size line that never ends is refused once 4096 bytes of it have arrived")
    func endlessSizeLine() {
        let result = decode("5;" + String(repeating: "x", count: 10000), pieceSize: 100)
        #expect(result.error == "\(HTTPParseError.badChunkSize)", "\(result)")
        #expect((result.answeredAfter ?? .max) <= 4100, "refuse early: \(result)")
    }
}
