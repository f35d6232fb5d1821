/// An array or map the reader is inside, with what it holds so far and how much more it
/// expects.
///
/// A struct with room for either, rather than an enum with one case for each: the reader
/// adds to the innermost container where it lies, `open[open.count - 1]`, and a stored
/// property can be changed in place there, so the elements' storage keeps one owner and
/// grows without being copied.
struct OpenContainer {
    let isMap: Bool
    /// Values still to come; a map counts its keys and its values.
    var remaining: Int
    var elements: [MessagePackValue] = []  // an array's elements so far
    var entries: [MessagePackMap.Entry] = []  // a map's entries so far
    var key: MessagePackValue = .nil  // in a map, the key whose value comes next

    /// Adds the next value: an element, a key, or the value for the last key.
    ///
    /// - Returns: `true` if the container is now complete.
    mutating func add(_ value: MessagePackValue) -> Bool {
        if !isMap {
            elements.append(value)
        } else if remaining % 2 == 0 {
            key = value
        } else {
            entries.append(MessagePackMap.Entry(key: key, value: value))
        }
        remaining -= 1
        return remaining == 0
    }

    /// The container as a value, once complete.
    consuming func finished() -> MessagePackValue {
        isMap ? .map(MessagePackMap(entries)) : .array(elements)
    }
}

/// What reading at the cursor gave: a whole value, or an array or map just opened.
enum Step {
    case value(MessagePackValue)
    case opening(OpenContainer)
}

extension MessagePackReader {
    /// After an array's header: an empty array is complete at once; otherwise it waits for
    /// `count` elements, which must fit in the bytes left.
    mutating func open(array count: Int, at start: Int, depth: Int)
        throws(MessagePackDecodingError) -> Step
    {
        try enterNesting(count: count, values: count, at: start, depth: depth)
        guard count > 0 else { return .value(.array([])) }
        var container = OpenContainer(isMap: false, remaining: count)
        container.elements.reserveCapacity(count)  // at most one per byte left: checked
        return .opening(container)
    }

    /// After a map's header: an empty map is complete at once; otherwise it waits for
    /// `count` keys and as many values.
    mutating func open(map count: Int, at start: Int, depth: Int)
        throws(MessagePackDecodingError) -> Step
    {
        try enterNesting(count: count, values: 2 * count, at: start, depth: depth)
        guard count > 0 else { return .value(.map(MessagePackMap())) }
        var container = OpenContainer(isMap: true, remaining: 2 * count)
        container.entries.reserveCapacity(count)
        return .opening(container)
    }

    // snippet: msgpack-limits
    /// Checks a new array or map against the depth limit and the bytes left, then owes
    /// its `values`.
    ///
    /// Each of the `values` takes at least one byte, and so does each value already owed
    /// to the containers around it: if they cannot all fit, the input is refused here,
    /// before `reserveCapacity` could allocate for a count a peer made up.
    mutating func enterNesting(count: Int, values: Int, at start: Int, depth: Int)
        throws(MessagePackDecodingError)
    {
        guard depth < maximumDepth else { throw .tooDeep(limit: maximumDepth, offset: start) }
        let room = input.count - index - owed
        guard values <= room else {
            throw .lengthBeyondInput(
                MessagePackFormat(firstByte: input[start]),
                length: UInt64(count),
                available: max(0, room),
                offset: start
            )
        }
        owed += values
    }
    // end-snippet
}
