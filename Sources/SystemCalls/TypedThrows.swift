extension Array where Element == UInt8 {
    /// `withUnsafeBytes`, but the closure's typed error stays typed.
    ///
    /// The standard library's `withUnsafeBytes` is declared `rethrows`, which turns a
    /// `throws(SystemCallError)` closure into a plain `throws`. Passing the outcome out as
    /// a `Result` keeps the precise type, so callers can still `catch` a
    /// ``SystemCallError`` without a cast.
    ///
    /// - Parameter body: Receives the array's bytes, valid only during the call.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try withUnsafeBytes { raw in
            Swift.Result { () throws(Failure) in try body(raw) }
        }.get()
    }
}
