extension JSONParser.Cursor {
    // snippet: number-scanner
    /// Reads a number, whose grammar RFC 8259 §6 writes in ABNF.
    ///
    /// ```
    /// number = [ minus ] int [ frac ] [ exp ]
    /// int    = zero / ( digit1-9 *DIGIT )        ; no leading zeros: 012 is an error
    /// frac   = decimal-point 1*DIGIT             ; 1. is an error
    /// exp    = e [ minus / plus ] 1*DIGIT        ; e or E
    /// ```
    ///
    /// Without a fraction or an exponent, and if it fits, the number is an `Int`. Otherwise
    /// it is a `Double`: exactly, from the digits, when they fit 53 bits and the power of
    /// ten is small (the common case, such as `0.25` or `1.5e3`); otherwise through the
    /// standard library's correctly rounded conversion.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let isNegative = current == UInt8(ascii: "-")
        if isNegative { index += 1 }
        var digits = DecimalDigits()
        switch current {
        case UInt8(ascii: "0"):
            index += 1
            if let next = current, Self.isDigit(next) { throw .leadingZero(offset: start) }
        case let byte? where Self.isDigit(byte):
            scanDigits(into: &digits)
        default:
            throw unexpected(.digit)
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let byte = current, Self.isDigit(byte) else { throw unexpected(.digit) }
            digits.exponent -= scanDigits(into: &digits)
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            try digits.exponent += scanExponent()
        }
        if isInteger, let integer = digits.integer(isNegative: isNegative) {
            return .integer(integer)
        }
        if let exact = digits.exactDouble(isNegative: isNegative) { return .double(exact) }
        return .double(slowDouble(from: start))
    }
    // end-snippet

    /// Reads digits, adding each to `digits`; returns how many there were.
    @discardableResult
    mutating func scanDigits(into digits: inout DecimalDigits) -> Int {
        let first = index
        while let byte = current, Self.isDigit(byte) {
            digits.append(byte &- UInt8(ascii: "0"))
            index += 1
        }
        return index - first
    }

    /// Reads what follows `e` or `E`: a sign, and at least one digit.
    ///
    /// The exponent is capped far beyond any `Double`'s, so that it cannot overflow.
    mutating func scanExponent() throws(JSONParseError) -> Int {
        var isNegative = false
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
            isNegative = current == UInt8(ascii: "-")
            index += 1
        }
        guard let first = current, Self.isDigit(first) else { throw unexpected(.digit) }
        var exponent = 0
        while let byte = current, Self.isDigit(byte) {
            if exponent < 1_000_000 { exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0")) }
            index += 1
        }
        return isNegative ? -exponent : exponent
    }

    /// The number from `start` to the cursor, converted by the standard library, which
    /// rounds correctly; `1e400` becomes infinity and `1e-400` zero, as in JavaScript.
    func slowDouble(from start: Int) -> Double {
        // The grammar is checked, so the text is digits, sign, point and exponent only;
        // Swift's `Double(_:)` reads exactly that syntax.
        let text = String(
            decoding: UnsafeBufferPointer(rebasing: input[start..<index]),
            as: UTF8.self
        )
        return Double(text) ?? .nan
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}

/// The digits of a number, as an integer `significand` times ten to `exponent`, as long as
/// the significand fits 19 digits (every 19-digit number fits `UInt64`).
struct DecimalDigits {
    var significand: UInt64 = 0
    var significantDigits = 0  // digits in `significand`, leading zeros not counted
    var isTruncated = false  // more digits than `significand` could hold
    var exponent = 0

    mutating func append(_ digit: UInt8) {
        if significantDigits < 19 {
            significand = significand &* 10 &+ UInt64(digit)
            if significand != 0 { significantDigits += 1 }
        } else {
            isTruncated = true
            exponent += 1  // a dropped digit before the point still counts as a power of ten
        }
    }

    /// The value as an `Int`, if it is whole and fits.
    func integer(isNegative: Bool) -> Int? {
        guard !isTruncated, exponent == 0 else { return nil }
        if isNegative {
            guard significand <= UInt64(Int.max) + 1 else { return nil }
            return Int(truncatingIfNeeded: 0 &- significand)
        }
        guard significand <= UInt64(Int.max) else { return nil }
        return Int(significand)
    }

    /// The value as a `Double`, if one correctly rounded operation computes it.
    ///
    /// That is when the significand is at most 2^53 (so it converts exactly) and the power
    /// of ten is at most 10^22 (the largest one a `Double` holds exactly): one multiply or
    /// divide of two exact doubles is then correctly rounded. Clinger's fast path, 1990.
    func exactDouble(isNegative: Bool) -> Double? {
        guard !isTruncated, significand <= 1 << 53, (-22...22).contains(exponent) else {
            return nil
        }
        let power = Self.powersOfTen[abs(exponent)]
        let magnitude =
            exponent >= 0 ? Double(significand) * power : Double(significand) / power
        return isNegative ? -magnitude : magnitude
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
