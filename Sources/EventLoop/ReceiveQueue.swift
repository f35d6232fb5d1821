/// What a connection received before a task asked for it, counted in bytes, with the brake
/// that tells the connection when to stop reading and when to read again.
///
/// An async face (``AsyncTCPConnection`` here, `AsyncWebSocket` a layer up) hands what
/// arrives to a task. While the task is not waiting, items wait in this queue. Reading
/// on regardless would let a fast peer fill our memory, so once more than ``limit`` bytes
/// wait, ``append(_:byteCount:)`` says "pause reading"; the kernel's receive buffer then
/// fills and TCP tells the peer to stop sending. Once the task has taken the queue down
/// to half the limit, ``removeFirst()`` says "resume". The gap between the two marks
/// keeps a task that reads about as fast as data arrives from pausing and resuming the
/// connection on every item.
///
/// Removing from the front of an array moves every other element; instead the queue
/// keeps the index of its first item and empties the array once it is all taken.
public struct ReceiveQueue<Element> {
    /// Reading pauses while more than this many bytes wait.
    public let limit: Int
    /// How many bytes wait.
    public private(set) var byteCount = 0
    private var items: [(element: Element, byteCount: Int)?] = []
    private var head = 0
    private var isOverLimit = false

    /// An empty queue.
    ///
    /// - Parameter limit: Pause reading above this many waiting bytes; 256 KiB by default.
    public init(limit: Int = 256 * 1024) {
        self.limit = limit
    }

    /// Whether nothing waits.
    public var isEmpty: Bool { head == items.count }

    /// Adds `element`, which carries `byteCount` bytes.
    ///
    /// - Parameters:
    ///   - element: What arrived.
    ///   - byteCount: Its size, counted against the limit.
    /// - Returns: `true` when the queue has just grown past the limit: pause reading now.
    public mutating func append(_ element: Element, byteCount: Int) -> Bool {
        items.append((element, byteCount))
        self.byteCount += byteCount
        guard !isOverLimit, self.byteCount > limit else { return false }
        isOverLimit = true
        return true
    }

    /// Takes the oldest element.
    ///
    /// - Returns: The element, and `resumeReading: true` when the queue has just fallen
    ///   to half the limit after being over it; `nil` if the queue is empty.
    public mutating func removeFirst() -> (element: Element, resumeReading: Bool)? {
        guard head < items.count, let item = items[head] else { return nil }
        items[head] = nil  // let the element go now, not when the array empties
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        byteCount -= item.byteCount
        guard isOverLimit, byteCount <= limit / 2 else { return (item.element, false) }
        isOverLimit = false
        return (item.element, true)
    }
}
