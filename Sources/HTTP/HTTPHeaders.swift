/// One header field line: a name and a value (RFC 9110 §5).
public struct HTTPField: Hashable, Sendable {
    /// The name, in the case it was sent or given; compare it case-insensitively.
    public var name: String
    /// The value, without leading or trailing whitespace.
    public var value: String

    /// A field.
    ///
    /// - Parameters:
    ///   - name: A token such as `Content-Type`.
    ///   - value: Its value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the name is a non-empty token and the value holds no CR, LF, NUL or other
    /// control character: whether this field is safe to send.
    ///
    /// A value with CR LF inside would end the field line early and let whoever chose the
    /// value write headers (or a whole second response) of their own: *response
    /// splitting*. The server refuses to send such a field.
    public var isValid: Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPSyntax.isTokenCharacter)
            && value.utf8.allSatisfy(HTTPSyntax.isFieldValueCharacter)
    }
}

/// The header fields of a message, in order, with case-insensitive lookup.
///
/// HTTP field names are case-insensitive (`Content-Length` and `content-length` are the
/// same field), and a field may appear more than once (two `Set-Cookie` lines). So this
/// is an ordered list, not a dictionary: every line is kept, in the order it arrived, and
/// lookups compare names without regard to ASCII case.
public struct HTTPHeaders: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// The field lines, in order.
    public private(set) var fields: [HTTPField]

    /// No fields.
    public init() {
        fields = []
    }

    /// The given fields, in order.
    ///
    /// - Parameter fields: The fields.
    public init(_ fields: [HTTPField]) {
        self.fields = fields
    }

    /// Fields written as a literal, in the order written: `["Content-Type": "text/plain"]`.
    ///
    /// - Parameter elements: Name and value pairs.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPField(name: $0.0, value: $0.1) }
    }

    /// How many field lines there are.
    public var count: Int { fields.count }

    /// Whether there are none.
    public var isEmpty: Bool { fields.isEmpty }

    /// The fields, in order.
    public func makeIterator() -> IndexingIterator<[HTTPField]> {
        fields.makeIterator()
    }

    /// The value of the first field called `name` (any case), or `nil`.
    ///
    /// - Parameter name: A field name.
    public subscript(name: String) -> String? {
        fields.first { Self.namesMatch($0.name, name) }?.value
    }

    /// The values of every field called `name`, in order.
    ///
    /// - Parameter name: A field name.
    /// - Returns: The values; empty if there is no such field.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesMatch($0.name, name) }.map(\.value)
    }

    /// Whether a field called `name` is present.
    ///
    /// - Parameter name: A field name.
    /// - Returns: `true` if at least one line has that name.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesMatch($0.name, name) }
    }

    /// Appends a field line, keeping any others of the same name.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - value: The value.
    public mutating func add(name: String, value: String) {
        fields.append(HTTPField(name: name, value: value))
    }

    /// Replaces every field called `name` with one line holding `value`.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - value: The value.
    public mutating func set(name: String, value: String) {
        remove(name)
        add(name: name, value: value)
    }

    /// Removes every field called `name`.
    ///
    /// - Parameter name: The name.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.namesMatch($0.name, name) }
    }

    /// `Name: value` lines, one per field.
    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// Whether two field names are equal ignoring ASCII case.
    ///
    /// - Parameters:
    ///   - first: A name.
    ///   - second: Another name.
    /// - Returns: Whether they name the same field.
    static func namesMatch(_ first: String, _ second: String) -> Bool {
        first.utf8.count == second.utf8.count
            && zip(first.utf8, second.utf8).allSatisfy {
                HTTPSyntax.lowercased($0) == HTTPSyntax.lowercased($1)
            }
    }
}
