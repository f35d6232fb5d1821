import EventLoop
import SystemCalls

/// HTTP's date format, `IMF-fixdate`: `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
///
/// Used by `Date`, `Last-Modified`, `If-Modified-Since` and `If-Range`. Always GMT, always
/// English names, always this fixed width, so it can be compared as text and parsed
/// without a locale.
public enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Formats a moment as `IMF-fixdate`.
    ///
    /// - Parameter secondsSince1970: The moment, in seconds since 1970 (UTC).
    /// - Returns: Such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(secondsSince1970: Int64) -> String {
        format(SystemInfo.utc(secondsSince1970: secondsSince1970))
    }

    /// Formats calendar fields as `IMF-fixdate`.
    ///
    /// - Parameter time: The moment in UTC.
    /// - Returns: Such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(_ time: UTCTime) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[time.weekday]), \(two(time.day)) \(months[time.month - 1]) \(time.year) "
            + "\(two(time.hour)):\(two(time.minute)):\(two(time.second)) GMT"
    }

    /// Parses an `IMF-fixdate` back into seconds since 1970.
    ///
    /// RFC 9110 §5.6.7 also asks recipients to accept two obsolete formats (RFC 850 and
    /// C's `asctime`); this parser accepts only the one every client has sent for
    /// decades. A date it cannot parse is treated as absent, which for
    /// `If-Modified-Since` just means the full response is sent: always safe.
    ///
    /// - Parameter text: Such as `Sun, 06 Nov 1994 08:49:37 GMT`.
    /// - Returns: Seconds since 1970, or `nil`.
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]),
            let second = Int(clock[2]), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysSince1970(year: year, month: monthIndex + 1, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Days from 1970-01-01 to a date in the proleptic Gregorian calendar, the inverse of
    /// `gmtime`'s date part (Howard Hinnant's `days_from_civil`).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// The `Date: ...` line for responses on one loop, formatted a few times a second at most.
///
/// Every response carries `Date` (RFC 9110 §6.6.1), and formatting a date costs more than
/// the rest of a small response's head. The text only changes once a second, so each
/// loop keeps the finished line and formats it again only when a quarter of a second has
/// passed on the loop's clock (so it is never more than that behind).
/// One cache per loop means no lock: only that loop's thread touches it.
final class HTTPDateCache {
    private var line: [UInt8] = []
    private var validUntil: LoopInstant?
    private let loop: EventLoop

    /// A cache for `loop`'s responses.
    init(loop: EventLoop) {
        self.loop = loop
    }

    // snippet: date-cache
    /// `Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n`, as bytes.
    var dateLine: [UInt8] {
        let now = loop.now  // read when the loop woke up: no clock call per response
        if let validUntil, now < validUntil { return line }
        let time = SystemInfo.utcNow()
        line = Array("Date: \(HTTPDate.format(time))\r\n".utf8)
        validUntil = now + .milliseconds(250)
        return line
    }
    // end-snippet
}
