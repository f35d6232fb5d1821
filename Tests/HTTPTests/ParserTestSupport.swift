import HTTP

/// A request parsed into whole messages: head, all body bytes joined, trailers.
struct ParsedRequest: Equatable {
    var head: HTTPRequestHead
    var body: [UInt8]
    var trailers: HTTPHeaders
}

/// What feeding some bytes produced: the complete requests, then an error if one came.
struct ParseOutcome: Equatable {
    var requests: [ParsedRequest] = []
    var error: HTTPParseError?
}

/// Feeds `bytes` to a fresh parser in pieces that end at `cuts`, and collects the result.
///
/// Body events are joined, since where a body is split depends on the pieces.
func parse(
    _ bytes: [UInt8],
    cuts: [Int] = [],
    limits: HTTPRequestParser.Limits = .init()
) -> ParseOutcome {
    var parser = HTTPRequestParser(limits: limits)
    var outcome = ParseOutcome()
    var current: ParsedRequest?
    var start = 0
    for end in cuts.filter({ $0 > 0 && $0 < bytes.count }).sorted() + [bytes.count] {
        guard end >= start else { continue }
        parser.append(Array(bytes[start..<end]))
        start = end
        do {
            loop: while true {
                switch try parser.next() {
                case .needMoreData:
                    break loop
                case .head(let head):
                    current = ParsedRequest(head: head, body: [], trailers: HTTPHeaders())
                case .body(let piece):
                    current?.body += piece
                case .end(let trailers):
                    if var request = current {
                        request.trailers = trailers
                        outcome.requests.append(request)
                    }
                    current = nil
                }
            }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    return outcome
}

/// `text` as bytes.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A small seeded random generator (SplitMix64), so randomized tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
