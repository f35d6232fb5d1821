/// How the encoder writes values whose format is a choice.
///
/// Most values have one shortest format and the encoder always uses it, as the spec asks
/// ("serializers SHOULD use the format which represents the data in the smallest number
/// of bytes"). Floats are the exception: `2.0` is a float 64 on the wire unless you ask
/// for JavaScript's view, in which `2.0` and `2` are the same number.
public struct MessagePackEncodingOptions: Sendable, Equatable {
    /// Write a float with no fractional part as an integer, as notepack.io does.
    ///
    /// JavaScript has one number type, and notepack.io (the encoder of Socket.IO's msgpack
    /// parser) writes every number that `Number.isInteger` accepts as an integer, so `2.0`
    /// becomes `02` and `-0.0` becomes `00`. With this option a ``MessagePackValue/float64(_:)``
    /// or ``MessagePackValue/float32(_:)`` holding a whole number within the 64-bit
    /// integer range is written exactly as that integer would be; fractions, NaN and the
    /// infinities stay float 64 (or float 32). Whole numbers beyond the 64-bit range
    /// stay floats too: notepack writes those wrongly (2^64 comes out as `cf 00 … 00`,
    /// zero), and a float is at least the right number.
    ///
    /// Off by default: then a value decodes to the case it was encoded from.
    public var wholeFloatsAsIntegers: Bool

    /// Options for the encoder.
    ///
    /// - Parameter wholeFloatsAsIntegers: Write whole floats as integers; `false` by
    ///   default.
    public init(wholeFloatsAsIntegers: Bool = false) {
        self.wholeFloatsAsIntegers = wholeFloatsAsIntegers
    }

}
