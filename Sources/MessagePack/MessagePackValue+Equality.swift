// Equality by the spec's types (see MessagePackValue): an integer is an integer whichever
// case holds it, a float is a float whichever precision it has.

extension MessagePackValue: Hashable {
    /// Whether two values are the same MessagePack value.
    ///
    /// Integers compare by value across ``int(_:)`` and ``uint(_:)``; floats by value
    /// across ``float32(_:)`` and ``float64(_:)`` (so NaN, as always, equals nothing). Maps
    /// compare entry by entry, in order.
    public static func == (left: MessagePackValue, right: MessagePackValue) -> Bool {
        switch (left, right) {
        case (.nil, .nil): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int, .int), (.int, .uint), (.uint, .int), (.uint, .uint):
            left.integer == right.integer
        case (.float32, .float32), (.float32, .float64), (.float64, .float32),
            (.float64, .float64):
            left.float == right.float
        case (.string(let a), .string(let b)): a == b
        case (.binary(let a), .binary(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a == b
        case (.extension(let typeA, let dataA), .extension(let typeB, let dataB)):
            typeA == typeB && dataA == dataB
        default: false
        }
    }

    /// Hashes the value so that equal values hash alike (`.int(5)` as `.uint(5)`).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .nil: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int, .uint:
            hasher.combine(integer.isNegative)
            hasher.combine(integer.magnitude)
        case .float32, .float64: hasher.combine(float)
        case .string(let value): hasher.combine(value)
        case .binary(let value): hasher.combine(value)
        case .array(let value): hasher.combine(value)
        case .map(let value): hasher.combine(value)
        case .extension(let type, let data):
            hasher.combine(type)
            hasher.combine(data)
        }
    }

    /// An integer of either case as a sign and a magnitude, which covers both ranges.
    private var integer: (isNegative: Bool, magnitude: UInt64) {
        switch self {
        case .int(let value): (value < 0, value.magnitude)
        case .uint(let value): (false, value)
        default: (false, 0)
        }
    }

    /// A float of either precision as a `Double`, which holds every `Float` exactly.
    private var float: Double {
        switch self {
        case .float32(let value): Double(value)
        case .float64(let value): value
        default: 0
        }
    }
}
