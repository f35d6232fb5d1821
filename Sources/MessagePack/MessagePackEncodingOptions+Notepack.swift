extension MessagePackEncodingOptions {
    /// The options with which our encoder writes the bytes notepack.io 2.x writes for the
    /// same JavaScript values: ``wholeFloatsAsIntegers``.
    ///
    /// Socket.IO's msgpack parser (`socket.io-msgpack-parser` 3.0.2, which the official
    /// bundle `socket.io.msgpack.min.js` 4.8.3 includes) is a thin layer on notepack.io:
    /// `encode(packet)` is `[notepack.encode(packet)]`, one binary message per packet,
    /// and `decode` is `notepack.decode(bytes)` followed by a check of the packet's shape:
    /// `type` an integer from 0 to 4 (binary travels inside a packet as bin, so the types
    /// 5 and 6, `BINARY_EVENT` and `BINARY_ACK`, are never used and refused), `nsp` a
    /// string, `data` absent or an object for `CONNECT`, absent for `DISCONNECT`, a string
    /// or an object for `CONNECT_ERROR`, an array for `EVENT` and `ACK`, and `id` absent
    /// or an integer. Its lock file pins notepack.io 2.2.0 for Node.js; the
    /// bundle carries notepack's browser build of the same 2.x line. What those encoders
    /// write, read from their source (`lib/encode.js`, `browser/encode.js`) and checked by
    /// running the bundle's own encoder under Node.js (`Tests/MessagePackTests`):
    ///
    /// - **Numbers.** A number that `Math.floor(n) === n && isFinite(n)` accepts is an
    ///   integer, in the shortest format for its sign: 0…127 positive fixint, then uint 8,
    ///   16, 32, 64 (`300` → `cd 01 2c`, `2^32` → `cf 00 00 00 01 00 00 00 00`); -1…-32
    ///   negative fixint, then int 8, 16, 32, 64 (`-1` → `ff`, `-33` → `d0 df`). A
    ///   positive number never takes a signed format, a negative one never an unsigned
    ///   one. `-0` is `00`. Every other number, fractions, NaN and ±Infinity, is a float 64
    ///   (`1.5` → `cb 3f f8 00 00 00 00 00 00`); notepack never writes a float 32. Whole
    ///   numbers outside the 64-bit range come out wrong (`2^64` → `cf 00 … 00`).
    /// - **Strings** by UTF-8 length: fixstr up to 31 bytes, then str 8, 16, 32.
    /// - **Binary.** A Node.js `Buffer` and a browser `ArrayBuffer` are bin 8, 16, 32 (bin 8
    ///   even when empty: `c4 00`). In Node.js, an `ArrayBuffer` or a typed array that is
    ///   not a `Buffer` is an ext 8, 16 or 32 of type 0, never a fixext (4 bytes:
    ///   `c7 04 00 01 02 03 04`), which notepack decodes back into an `ArrayBuffer`. In the
    ///   browser bundle a typed array such as `Uint8Array` is not an `ArrayBuffer` and goes
    ///   as an object: a map of its indexes (`Uint8Array.of(1, 2)` → `82 a1 30 01 a1 31
    ///   02`); send `array.buffer`.
    /// - **Objects** are maps with string keys, in `Object.keys` order (the order the keys
    ///   were added, integer-like keys first), leaving out members whose value is a
    ///   function; an object with a `toJSON` method is written as what it returns. Arrays
    ///   are fixarray, array 16, 32.
    /// - **`null`** is nil `c0`; **`true`**/**`false`** are `c3`/`c2`.
    /// - **`undefined`** is a fixext 1 of type 0 with data `00`: `d4 00 00`
    ///   (``MessagePackValue/undefined``), as an array element and as an object member's
    ///   value too (the member is kept: `{a: undefined}` → `81 a1 61 d4 00 00`). The
    ///   browser client's `CONNECT` packet without `auth` carries `data: undefined`.
    /// - **`Date`** is a fixext 8 of type 0: milliseconds since 1970 as an int 64.
    ///
    /// What notepack's decoders give back: integers of every format as numbers (a 64-bit
    /// one as `hi * 2^32 + lo`, rounded beyond 2^53), float 32 as a number, bin as a
    /// `Buffer` (Node.js) or `ArrayBuffer` (browser), fixext 1 of type 0 as `undefined`
    /// (its data byte skipped), fixext 8 of type 0 as a `Date`, in Node.js an ext 8, 16,
    /// 32 of type 0 as an `ArrayBuffer`, any other extension as the array `[type, bytes]`;
    /// a map as an object whose property names are the keys turned into strings (a
    /// repeated key keeps its last value). Bytes after the value are an error ("N trailing
    /// bytes"). They set no limit on depth or length.
    ///
    /// Socket.IO's packets are maps, keys in the order the JavaScript object got them. The
    /// parser's README shows `socket.emit("hello", "you")` from a server as `83 a4 type 02
    /// a3 nsp a1 2f a4 data 92 a5 hello a3 you`. The browser client's `emit` builds
    /// `{type, data, options: {compress: true}}`, adds `id` when it asks for an
    /// acknowledgement and `nsp` last, and encodes all of it, `options` included.
    ///
    /// Our decoder reads all of this. Two things it cannot tell apart: notepack reads
    /// fixext 1 and ext 8 of type 0 differently (`undefined` against a 1-byte
    /// `ArrayBuffer`), and so fixext 8 and ext 8 (a `Date` against 8 bytes), but both are
    /// ``MessagePackValue/extension(type:data:)`` here, and our encoder writes such an
    /// extension as the fixext. Send bytes to a JavaScript peer as
    /// ``MessagePackValue/binary(_:)``.
    public static let notepack = MessagePackEncodingOptions(wholeFloatsAsIntegers: true)
}

extension MessagePackValue {
    /// JavaScript's `undefined` as notepack.io 2.x writes it: a fixext 1 of type 0 whose
    /// data byte is 0 (`d4 00 00`).
    ///
    /// JSON has no `undefined` (`JSON.stringify` drops it), but notepack keeps it, and a
    /// Socket.IO peer sends it: a browser's `CONNECT` packet without `auth` has
    /// `data: undefined`. notepack.io 3 writes `undefined` as nil instead.
    public static let undefined = MessagePackValue.extension(type: 0, data: [0])

    /// Whether notepack.io would decode this as `undefined`: a 1-byte extension of type 0,
    /// whatever its byte (notepack skips it).
    public var isUndefined: Bool {
        guard case .extension(0, let data) = self else { return false }
        return data.count == 1
    }
}
