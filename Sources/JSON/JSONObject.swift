/// A JSON object that keeps its keys in order: the order they were first added.
///
/// RFC 8259 §4 says an object is an *unordered* collection, and Foundation's
/// `JSONSerialization` hands back a `Dictionary` whose order changes from run to run. But
/// people read JSON, tests compare it byte for byte, and Socket.IO peers print it; so we
/// keep the order we were given, as JavaScript does for string keys.
///
/// A key appears once. Setting a key that is already there replaces its value *in its
/// old position*; so does a duplicate key in parsed input (`{"a":1,"b":2,"a":3}` is
/// `["a": 3, "b": 2]`), which is exactly what JavaScript's `JSON.parse` does.
///
/// Looking a key up walks the entries, which for the handful of keys most objects have is
/// faster than hashing; an object with ``indexThreshold`` keys or more also keeps a
/// dictionary from key to position.
public struct JSONObject: Sendable {
    /// One entry: a key and its value.
    public typealias Element = (key: String, value: JSONValue)

    /// The number of keys from which an object keeps a dictionary of positions.
    public static let indexThreshold = 12

    var storage: OrderedEntries<JSONValue>

    /// An empty object.
    public init() {
        storage = OrderedEntries()
    }

    /// An object with `pairs` in order; a key given twice keeps its first position and its
    /// last value.
    ///
    /// - Parameter pairs: Keys and values.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        storage = OrderedEntries()
        for (key, value) in pairs { storage.updateValue(value, forKey: key) }
    }

    init(storage: OrderedEntries<JSONValue>) {
        self.storage = storage
    }

    /// The value for `key`, or `nil`; setting `nil` removes the key.
    ///
    /// Setting a key that exists replaces its value and keeps its position; a new key goes
    /// at the end.
    public subscript(key: String) -> JSONValue? {
        get { storage.position(of: key).map { storage.entries[$0].value } }
        set {
            if let newValue {
                storage.updateValue(newValue, forKey: key)
            } else {
                storage.removeValue(forKey: key)
            }
        }
    }

    /// The keys, in order.
    public var keys: [String] { storage.entries.map(\.key) }

    /// The values, in the order of their keys.
    public var values: [JSONValue] { storage.entries.map(\.value) }

    /// Sets the value for `key`: in place if the key exists, otherwise at the end.
    ///
    /// - Parameters:
    ///   - value: The new value.
    ///   - key: The key.
    /// - Returns: The value it replaced, or `nil` if the key is new.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        storage.updateValue(value, forKey: key)
    }

    /// Removes `key` and its value; the keys after it move up one place.
    ///
    /// - Parameter key: The key.
    /// - Returns: The value removed, or `nil` if there was none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        storage.removeValue(forKey: key)
    }
}

extension JSONObject: RandomAccessCollection {
    /// The first entry's position: 0.
    public var startIndex: Int { 0 }

    /// One past the last entry's position: the number of keys.
    public var endIndex: Int { storage.entries.count }

    /// The entry at `position`, in insertion order.
    public subscript(position: Int) -> Element { storage.entries[position] }
}

extension JSONObject: Hashable {
    /// Whether both objects have the same keys, in the same order, with equal values.
    ///
    /// Order counts because we keep it: two equal objects are written as the same bytes.
    public static func == (left: JSONObject, right: JSONObject) -> Bool {
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

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object written as a literal, in the literal's order: `["sid": "abc", "n": 1]`.
    ///
    /// A key written twice keeps its first position and its last value, as in parsed
    /// input (a `Dictionary` literal would trap instead).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
