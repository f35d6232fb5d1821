/// How binary travels beside JSON: each piece of bytes is taken out of the value and a
/// placeholder object left where it was (socket.io-parser's `deconstructPacket` and
/// `reconstructPacket`).
///
/// ```
///   ["message", <01 02 03>, {"photo": <04 05 06>}]
///                       │ deconstruct (depth-first, counting from 0)
///                       ▼
///   ["message",{"_placeholder":true,"num":0},{"photo":{"_placeholder":true,"num":1}}]
///   + attachment 0: 01 02 03
///   + attachment 1: 04 05 06
/// ```
///
/// The placeholder's keys come in that order, `_placeholder` then `num`, because the
/// official test suite compares the packet's text byte for byte. Numbering is depth-first:
/// array elements left to right, object entries in their order, each value before the
/// values after it. The receiver puts each attachment back where the placeholder with its
/// `num` stands; a `num` that names no attachment means the packet is broken.
///
/// The JSON parser does both steps inline, while it writes or reads the JSON text, so a
/// packet is walked once; these functions are the same rules as values in, values out.
public enum SocketIOBinaryPlaceholders {
    /// Replaces every ``SocketIOValue/binary(_:)`` with a placeholder.
    ///
    /// - Parameter value: A value that may hold binary.
    /// - Returns: The value without binary, and the bytes in placeholder order.
    public static func deconstruct(_ value: SocketIOValue) -> (
        value: SocketIOValue, attachments: [[UInt8]]
    ) {
        var attachments: [[UInt8]] = []
        let stripped = deconstruct(value, into: &attachments)
        return (stripped, attachments)
    }

    private static func deconstruct(
        _ value: SocketIOValue,
        into attachments: inout [[UInt8]]
    ) -> SocketIOValue {
        switch value {
        case .binary(let bytes):
            attachments.append(bytes)
            return placeholder(attachments.count - 1)
        case .array(let elements):
            return .array(elements.map { deconstruct($0, into: &attachments) })
        case .object(let object):
            return .object(
                SocketIOObject(
                    distinctEntries: object.map {
                        ($0.key, deconstruct($0.value, into: &attachments))
                    }
                )
            )
        case .null, .bool, .integer, .double, .string:
            return value
        }
    }

    /// Puts the attachments back where their placeholders stand.
    ///
    /// - Parameters:
    ///   - value: A binary packet's data, with placeholders.
    ///   - attachments: The bytes that followed the packet, in order.
    /// - Returns: The value with bytes in place of the placeholders.
    /// - Throws: ``SocketIOProtocolError/invalidPlaceholder(_:)`` for a placeholder whose
    ///   `num` is not the index of an attachment.
    public static func reconstruct(
        _ value: SocketIOValue,
        attachments: [[UInt8]]
    ) throws(SocketIOProtocolError) -> SocketIOValue {
        switch value {
        case .array(let elements):
            var rebuilt: [SocketIOValue] = []
            rebuilt.reserveCapacity(elements.count)
            for element in elements {
                rebuilt.append(try reconstruct(element, attachments: attachments))
            }
            return .array(rebuilt)
        case .object(let object):
            if object["_placeholder"] == .bool(true) {
                return .binary(try attachment(object["num"], of: attachments))
            }
            var rebuilt: [SocketIOObject.Element] = []
            rebuilt.reserveCapacity(object.count)
            for entry in object {
                rebuilt.append((entry.key, try reconstruct(entry.value, attachments: attachments)))
            }
            return .object(SocketIOObject(distinctEntries: rebuilt))
        case .null, .bool, .integer, .double, .string, .binary:
            return value
        }
    }

    /// The placeholder for attachment `number`: `{"_placeholder":true,"num":N}`.
    ///
    /// - Parameter number: The attachment's index.
    /// - Returns: The placeholder object.
    public static func placeholder(_ number: Int) -> SocketIOValue {
        .object(
            SocketIOObject(distinctEntries: [("_placeholder", true), ("num", .integer(number))])
        )
    }

    /// The attachment a placeholder's `num` names.
    ///
    /// socket.io-parser accepts any object whose `_placeholder` is `true` as a placeholder,
    /// and refuses the packet ("illegal attachments") when its `num` is not a valid index;
    /// so do we.
    static func attachment(
        _ number: SocketIOValue?,
        of attachments: [[UInt8]]
    ) throws(SocketIOProtocolError) -> [UInt8] {
        guard let index = number?.intValue, attachments.indices.contains(index) else {
            throw .invalidPlaceholder(number?.description ?? "no num")
        }
        return attachments[index]
    }
}
