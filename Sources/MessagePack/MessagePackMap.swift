/// A MessagePack map: keys with values, in the order they were written.
///
/// The spec calls a map "key-value pairs of objects": a key can be any value, and nothing
/// forbids one key twice. We keep exactly what was decoded, every entry in its order, so
/// that writing a decoded map back gives the same bytes. Socket.IO's maps come from
/// JavaScript objects and have string keys, each once; ``subscript(_:)`` reads them.
///
/// When a key does appear more than once, a lookup gives its *last* value, which is what
/// JavaScript sees after notepack.io decodes the map into an object (`object[key] = value`,
/// entry after entry). Looking a key up walks the entries: Socket.IO's packets have three to
/// five keys, for which that is faster than hashing.
public struct MessagePackMap: Sendable, Hashable {
    /// One entry: a key and its value.
    public struct Entry: Sendable, Hashable {
        /// The key, usually a string.
        public var key: MessagePackValue
        /// The value.
        public var value: MessagePackValue

        /// An entry.
        ///
        /// - Parameters:
        ///   - key: The key.
        ///   - value: The value.
        public init(key: MessagePackValue, value: MessagePackValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries, in order, duplicates included.
    public var entries: [Entry]

    /// A map with `entries` in their order.
    ///
    /// - Parameter entries: The entries; by default none.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// The number of entries.
    public var count: Int { entries.count }

    /// Whether the map has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys, in order.
    public var keys: [MessagePackValue] { entries.map(\.key) }

    /// The value for the string `key` (the last one if it appears twice), or `nil`; setting
    /// replaces it in its place (dropping any later duplicates) or appends it, and setting
    /// `nil` removes every entry with that key.
    public subscript(key: String) -> MessagePackValue? {
        get { value(forKey: .string(key)) }
        set { setValue(newValue, forKey: .string(key)) }
    }

    /// The value for `key` of any type, the last one if it appears twice, or `nil`.
    ///
    /// - Parameter key: The key.
    /// - Returns: Its value.
    public func value(forKey key: MessagePackValue) -> MessagePackValue? {
        entries.last { $0.key == key }?.value
    }

    /// Sets the value for `key` of any type; see ``subscript(_:)``.
    ///
    /// - Parameters:
    ///   - value: The new value, or `nil` to remove the key.
    ///   - key: The key.
    public mutating func setValue(_ value: MessagePackValue?, forKey key: MessagePackValue) {
        guard let first = entries.firstIndex(where: { $0.key == key }) else {
            if let value { entries.append(Entry(key: key, value: value)) }
            return
        }
        if let value {
            entries[first].value = value
            entries.removeSubrange(first + 1..<entries.count, where: { $0.key == key })
        } else {
            entries.removeAll { $0.key == key }
        }
    }

    /// Appends an entry, even if `key` is already there (as a decoder does).
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: Its value.
    public mutating func append(key: MessagePackValue, value: MessagePackValue) {
        entries.append(Entry(key: key, value: value))
    }
}

extension MessagePackMap: ExpressibleByDictionaryLiteral {
    /// A map with the literal's entries in its order: `["type": 2, "nsp": "/"]`.
    public init(dictionaryLiteral elements: (MessagePackValue, MessagePackValue)...) {
        self.init(elements.map { Entry(key: $0.0, value: $0.1) })
    }
}

extension Array where Element == MessagePackMap.Entry {
    /// Removes the elements of `range` that match `shouldBeRemoved`, keeping the others in
    /// order.
    fileprivate mutating func removeSubrange(
        _ range: Range<Int>,
        where shouldBeRemoved: (Element) -> Bool
    ) {
        let kept = self[range].filter { !shouldBeRemoved($0) }
        replaceSubrange(range, with: kept)
    }
}
