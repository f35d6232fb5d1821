/// One key-value pair of a RESP3 map or attribute.
///
/// A map's keys may be any value, not only strings, and the server's order is kept (a
/// Swift `Dictionary` would lose it, and would need keys that hash well, which a
/// `.double(.nan)` does not), so a map is an array of these pairs.
public struct RESPMapEntry: Hashable, Sendable {
    /// The key.
    public var key: RESPValue
    /// The value.
    public var value: RESPValue

    /// A pair.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - value: The value.
    public init(key: RESPValue, value: RESPValue) {
        self.key = key
        self.value = value
    }
}
