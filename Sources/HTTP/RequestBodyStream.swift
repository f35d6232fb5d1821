/// The loop side of one request body: pieces from the parser in, to whoever reads.
///
/// The parser may deliver body bytes before the handler has decided how to read them
/// (the handler may first look something up, or answer from another thread). So the
/// stream buffers until a reader attaches, up to a limit past which it asks the
/// connection to stop reading the socket. Touched only on the connection's loop.
final class RequestBodyStream {
    private enum Reader {
        case none
        case streaming(
            onPiece: @Sendable ([UInt8]) -> Void,
            onEnd: @Sendable (Result<HTTPHeaders, HTTPBodyError>) -> Void
        )
        case collecting(
            limit: Int,
            collected: [UInt8],
            completion: @Sendable (Result<[UInt8], HTTPBodyError>) -> Void
        )
        case discarding
    }

    private var reader = Reader.none
    private var buffered: [[UInt8]] = []
    private var outcome: Result<HTTPHeaders, HTTPBodyError>?
    /// Bytes received but not yet read.
    private(set) var bufferedCount = 0
    /// Whether a reader exists (or the rest is being skipped).
    var hasReader: Bool {
        if case .none = reader { return false }
        return true
    }
    /// Whether the whole body has arrived, or failed.
    var isFinished: Bool { outcome != nil }
    /// Whether a reader gave up because the body was too large.
    private(set) var wasRefused = false
    /// The connection, told when a reader attaches or the buffer fills.
    weak var connection: HTTPConnectionHandler?
    /// Which request of the connection this body belongs to.
    let sequence: Int
    /// The body's length if `Content-Length` announced it.
    let announcedLength: Int?

    init(sequence: Int, announcedLength: Int?, connection: HTTPConnectionHandler) {
        self.sequence = sequence
        self.announcedLength = announcedLength
        self.connection = connection
    }

    // MARK: From the parser

    /// A piece of the body arrived.
    func receive(_ bytes: [UInt8]) {
        switch reader {
        case .none:
            buffered.append(bytes)
            bufferedCount += bytes.count
        case .streaming(let onPiece, _):
            onPiece(bytes)
        case .collecting(let limit, var collected, let completion):
            if collected.count + bytes.count > limit {
                refuse(limit: limit, completion)
                return
            }
            reader = .discarding  // release `collected`'s reference before appending
            collected.append(contentsOf: bytes)
            reader = .collecting(limit: limit, collected: collected, completion: completion)
        case .discarding:
            break
        }
    }

    /// The body ended (with trailer fields) or failed.
    func finish(_ result: Result<HTTPHeaders, HTTPBodyError>) {
        guard outcome == nil else { return }
        outcome = result
        deliverOutcome()
    }

    // MARK: From the reader

    func stream(
        _ onPiece: @escaping @Sendable ([UInt8]) -> Void,
        onEnd: @escaping @Sendable (Result<HTTPHeaders, HTTPBodyError>) -> Void
    ) {
        guard case .none = reader else { return onEnd(.failure(.alreadyConsumed)) }
        reader = .streaming(onPiece: onPiece, onEnd: onEnd)
        let pieces = takeBuffered()
        for piece in pieces { onPiece(piece) }
        deliverOutcome()
        connection?.bodyReaderAttached(self)
    }

    func collect(
        upTo limit: Int,
        _ completion: @escaping @Sendable (Result<[UInt8], HTTPBodyError>) -> Void
    ) {
        guard case .none = reader else { return completion(.failure(.alreadyConsumed)) }
        // A body announced as too large is refused before a byte of it is read.
        if bufferedCount > limit || (announcedLength ?? 0) > limit {
            buffered = []
            bufferedCount = 0
            refuse(limit: limit, completion)
            return
        }
        reader = .collecting(
            limit: limit,
            collected: takeBuffered().flatMap { $0 },
            completion: completion
        )
        deliverOutcome()
        connection?.bodyReaderAttached(self)
    }

    /// The response is over and nobody read the body: skip the rest of it.
    func discardRest() {
        guard case .none = reader else { return }
        reader = .discarding
        buffered = []
        bufferedCount = 0
    }

    private func refuse(
        limit: Int,
        _ completion: @Sendable (Result<[UInt8], HTTPBodyError>) -> Void
    ) {
        reader = .discarding
        wasRefused = true
        connection?.bodyReaderRefused(self)  // first: the answer must say `Connection: close`
        completion(.failure(.tooLarge(limit: limit)))
    }

    private func takeBuffered() -> [[UInt8]] {
        defer {
            buffered = []
            bufferedCount = 0
        }
        return buffered
    }

    private func deliverOutcome() {
        guard let outcome else { return }
        switch reader {
        case .none, .discarding:
            return
        case .streaming(_, let onEnd):
            reader = .discarding
            onEnd(outcome)
        case .collecting(_, let collected, let completion):
            reader = .discarding
            completion(outcome.map { _ in collected })
        }
    }
}
