/// Keys with values in the order the keys were first added, each key once: what a
/// ``JSONObject`` is, and what the encoder fills before it knows every value.
///
/// The entries live in one array. Looking a key up walks it, which for the handful of
/// keys most objects have is faster than hashing; from ``JSONObject/indexThreshold`` keys
/// on, a dictionary from key to position is kept as well.
struct OrderedEntries<Value> {
    var entries: [(key: String, value: Value)] = []
    private var positions: [String: Int]?  // key → index in `entries`, for large objects

    init() {}

    /// Where `key` is in `entries`: through the dictionary if there is one, else by walking.
    func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// Replaces the value of `key` in place, or appends the key; returns the old value.
    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: String) -> Value? {
        if let position = position(of: key) {
            let old = entries[position].value
            entries[position].value = value
            return old
        }
        entries.append((key, value))
        if positions != nil {
            positions?[key] = entries.count - 1
        } else if entries.count >= JSONObject.indexThreshold {
            buildPositions()
        }
        return nil
    }

    /// Removes `key`; the keys after it move up one place.
    @discardableResult
    mutating func removeValue(forKey key: String) -> Value? {
        guard let position = position(of: key) else { return nil }
        let removed = entries.remove(at: position).value
        positions = nil
        if entries.count >= JSONObject.indexThreshold { buildPositions() }
        return removed
    }

    /// The same keys in the same order, each value transformed.
    func mapValues<Other>(_ transform: (Value) throws -> Other) rethrows -> OrderedEntries<Other> {
        var mapped = OrderedEntries<Other>()
        mapped.entries = try entries.map { ($0.key, try transform($0.value)) }
        mapped.positions = positions
        return mapped
    }

    private mutating func buildPositions() {
        var built: [String: Int] = [:]
        built.reserveCapacity(entries.count * 2)
        for (index, entry) in entries.enumerated() { built[entry.key] = index }
        positions = built
    }
}

extension OrderedEntries: Sendable where Value: Sendable {}
