/// An array or object the parser is inside, with what it holds so far.
///
/// A struct with room for either, rather than an enum with one case for each: the parser
/// adds to the innermost container where it lies, `open[open.count - 1]`, and a stored
/// property can be changed in place there, so the elements' storage keeps one owner and
/// grows without being copied. (An enum's payload would have to be taken out and put back.)
struct OpenContainer {
    let isObject: Bool
    var elements: [JSONValue] = []  // an array's elements so far
    var members = JSONObject()  // an object's members so far
    var key = ""  // in an object, the key whose value comes next

    /// The container as a value, once it has closed.
    consuming func finished() -> JSONValue {
        isObject ? .object(members) : .array(elements)
    }
}

/// What reading at the cursor gave: a whole value, or an array or object just opened.
enum Step {
    case value(JSONValue)
    case opening(OpenContainer)
}

extension JSONParser.Cursor {
    // snippet: parser-containers
    /// After `[`: an empty array is complete at once; otherwise it waits for elements.
    mutating func openArray() throws(JSONParseError) -> Step {
        try enterNesting()
        index += 1  // the "["
        skipWhitespace()
        guard current != UInt8(ascii: "]") else {
            index += 1
            leaveNesting()
            return .value(.array([]))
        }
        return .opening(OpenContainer(isObject: false))
    }

    /// Adds `value` to `container`; then a `,` means more to come, a `]` or `}` the end.
    ///
    /// - Returns: `true` if the container closed, `false` if it waits for its next element.
    mutating func add(_ value: JSONValue, to container: inout OpenContainer)
        throws(JSONParseError) -> Bool
    {
        if container.isObject {
            // A repeated key keeps its first place and takes the last value.
            container.members.updateValue(value, forKey: container.key)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                container.key = try parseKeyAndColon()
                return false
            case UInt8(ascii: "}"):
                index += 1
                leaveNesting()
                return true
            default:
                throw unexpected(.commaOrClosingBrace)
            }
        }
        container.elements.append(value)
        skipWhitespace()
        switch current {
        case UInt8(ascii: ","):
            index += 1
            skipWhitespace()
            return false
        case UInt8(ascii: "]"):
            index += 1
            leaveNesting()
            return true
        default:
            throw unexpected(.commaOrClosingBracket)
        }
    }
    // end-snippet

    /// After `{`: an empty object is complete at once; otherwise its first key comes.
    mutating func openObject() throws(JSONParseError) -> Step {
        try enterNesting()
        index += 1  // the "{"
        skipWhitespace()
        guard current != UInt8(ascii: "}") else {
            index += 1
            leaveNesting()
            return .value(.object(JSONObject()))
        }
        return .opening(OpenContainer(isObject: true, key: try parseKeyAndColon()))
    }

    /// A member's key and the `:` after it, with the whitespace around them.
    mutating func parseKeyAndColon() throws(JSONParseError) -> String {
        guard current == UInt8(ascii: "\"") else { throw unexpected(.key) }
        let (key, end) = try strings.decodeString(in: input, quote: index)
        index = end
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw unexpected(.colon) }
        index += 1
        skipWhitespace()
        return key
    }

    // snippet: parser-depth
    /// Goes one level deeper, or refuses to: the limit on how deeply a text may nest.
    ///
    /// The parser keeps open containers on a heap-allocated stack, so depth cannot
    /// overflow the thread's stack here; but everything that walks a value afterwards
    /// (writing it, comparing it, decoding it with `Codable`, even freeing it) recurses
    /// once per level, and a peer must not be able to choose how deep that goes.
    mutating func enterNesting() throws(JSONParseError) {
        guard depthLeft > 0 else { throw .tooDeep(limit: maximumDepth, offset: index) }
        depthLeft -= 1
    }
    // end-snippet

    /// Back up one level, at a `]` or `}`.
    mutating func leaveNesting() {
        depthLeft += 1
    }
}
