import EventLoop
import Synchronization

/// A part of some shared state that belongs to one event loop.
protocol LoopShard: AnyObject, Sendable {
    /// The loop whose thread alone touches the shard's state.
    var loop: EventLoop { get }
}

extension LoopShard {
    /// Runs `body` on the shard's loop: now, if this is that loop; else queued there.
    func run(_ body: @escaping @Sendable (Self) -> Void) {
        if loop.inEventLoop {
            body(self)
        } else {
            loop.execute { body(self) }
        }
    }
}

/// One shard per loop, found or added without a lock: a list that only grows.
///
/// A broadcast walks every shard; a socket finds its own loop's shard when it joins a
/// room. Neither may take a lock (a broadcast is the hottest path there is), and the
/// list changes only when a loop sees its first socket, a handful of times in a
/// process's life. So it is a linked list whose links are set once: appending stores a
/// node in the last link if that link is still empty (`storeIfNil`, one atomic
/// compare-and-swap), and a thread that loses the race to another loop's append simply
/// walks on. Readers see a prefix of the list that only ever gets longer.
///
/// ```
///   head ─▶ [loop-0 shard] ─▶ [loop-1 shard] ─▶ (empty: the next loop appends here)
/// ```
final class LoopShards<Shard: LoopShard>: Sendable {
    private final class Node: Sendable {
        let shard: Shard
        let next = AtomicLazyReference<Node>()

        init(_ shard: Shard) {
            self.shard = shard
        }
    }

    private let head = AtomicLazyReference<Node>()

    /// An empty list.
    init() {}

    /// Every shard so far, in the order they were added.
    var all: [Shard] {
        var shards: [Shard] = []
        var node = head.load()
        while let current = node {
            shards.append(current.shard)
            node = current.next.load()
        }
        return shards
    }

    /// The shard of `loop`, added with `make` if it has none yet.
    ///
    /// Call on `loop`: only that loop adds its own shard, so two threads never add one
    /// for the same loop.
    func shard(for loop: EventLoop, make: () -> Shard) -> Shard {
        var made: Node?
        func newNode() -> Node {
            if let made { return made }
            let node = Node(make())
            made = node
            return node
        }
        var node = head.load() ?? head.storeIfNil(newNode())
        while true {
            if node.shard.loop === loop { return node.shard }
            node = node.next.load() ?? node.next.storeIfNil(newNode())
        }
    }
}
