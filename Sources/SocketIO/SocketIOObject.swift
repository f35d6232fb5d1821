/// A Socket.IO object: keys with values, in the order the keys were first added.
///
/// Like ``JSON/JSONObject``, and for the same reason: JavaScript keeps the insertion order
/// of string keys, peers print objects in that order, and the protocol's official tests
/// compare whole strings. A key appears once; setting it again replaces the value in its
/// old place.
///
/// Looking a key up walks the entries. The objects Socket.IO carries (an auth payload, a
/// chat message, `{"sid": …}`) have a handful of keys, for which walking beats hashing.
public struct SocketIOObject: Sendable {
    /// One entry: a key and its value.
    public typealias Element = (key: String, value: SocketIOValue)

    /// The entries, in order, each key once.
    private(set) var entries: [Element]

    /// An empty object.
    public init() {
        entries = []
    }

    /// An object with `pairs` in order; a key given twice keeps its first place and its last
    /// value.
    ///
    /// - Parameter pairs: Keys and values.
    public init(_ pairs: some Sequence<(String, SocketIOValue)>) {
        entries = []
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from entries whose keys the caller knows to be distinct (a parsed JSON
    /// object's), without checking each one: keeps converting a large object linear.
    init(distinctEntries: [Element]) {
        entries = distinctEntries
    }

    /// The value for `key`, or `nil`; setting `nil` removes the key.
    public subscript(key: String) -> SocketIOValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            let position = entries.firstIndex { $0.key == key }
            switch (position, newValue) {
            case (let position?, let value?): entries[position].value = value
            case (let position?, nil): entries.remove(at: position)
            case (nil, let value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    /// The values, in the order of their keys.
    public var values: [SocketIOValue] { entries.map(\.value) }
}

extension SocketIOObject: RandomAccessCollection {
    /// The first entry's position: 0.
    public var startIndex: Int { 0 }

    /// One past the last entry's position: the number of keys.
    public var endIndex: Int { entries.count }

    /// The entry at `position`, in insertion order.
    public subscript(position: Int) -> Element { entries[position] }
}

extension SocketIOObject: Hashable {
    /// Whether both objects have the same keys in the same order, with equal values.
    ///
    /// Order counts, as in ``JSON/JSONObject``: two equal objects are written as the same
    /// bytes.
    public static func == (left: SocketIOObject, right: SocketIOObject) -> Bool {
        guard left.count == right.count else { return false }
        for (one, other) in zip(left, right) {
            guard one.key == other.key, one.value == other.value else { return false }
        }
        return true
    }

    /// Hashes the keys and values in order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for entry in self {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}

extension SocketIOObject: ExpressibleByDictionaryLiteral {
    /// An object written as a literal, in the literal's order: `["token": "abc", "n": 1]`.
    public init(dictionaryLiteral elements: (String, SocketIOValue)...) {
        self.init(elements)
    }
}
