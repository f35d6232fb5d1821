import Libc

/// Facts about the machine, from `sysconf(3)` and `gmtime_r(3)`.
public enum SystemInfo {
    /// How many processors are online: the default number of event loops.
    public static var activeProcessorCount: Int {
        max(1, Int(sysconf(CInt(_SC_NPROCESSORS_ONLN))))
    }

    /// The current wall-clock time broken into UTC fields, for log lines and HTTP dates.
    ///
    /// The C function is `time(2)`. Unlike the monotonic clock this one can jump (NTP),
    /// so use it to *show* time, never to measure it.
    public static func utcNow() -> UTCTime {
        utc(secondsSince1970: Int64(time(nil)))
    }

    /// The UTC calendar fields of a moment given in seconds since 1970.
    ///
    /// The C function is `gmtime_r(3)`. HTTP needs it for `Date` and `Last-Modified`.
    ///
    /// - Parameter secondsSince1970: The moment.
    /// - Returns: Its calendar fields in UTC.
    public static func utc(secondsSince1970: Int64) -> UTCTime {
        var seconds = time_t(secondsSince1970)
        var fields = tm()
        _ = gmtime_r(&seconds, &fields)
        return UTCTime(
            year: Int(fields.tm_year) + 1900,
            month: Int(fields.tm_mon) + 1,
            day: Int(fields.tm_mday),
            hour: Int(fields.tm_hour),
            minute: Int(fields.tm_min),
            second: Int(fields.tm_sec),
            weekday: Int(fields.tm_wday),
            secondsSince1970: secondsSince1970
        )
    }
}

/// A moment of wall-clock time in UTC, split into calendar fields.
public struct UTCTime: Sendable, Equatable {
    /// The year, such as 2026.
    public var year: Int
    /// 1 (January) to 12.
    public var month: Int
    /// 1 to 31.
    public var day: Int
    /// 0 to 23.
    public var hour: Int
    /// 0 to 59.
    public var minute: Int
    /// 0 to 60 (a leap second).
    public var second: Int
    /// 0 (Sunday) to 6.
    public var weekday: Int
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64
}
