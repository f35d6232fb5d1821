import Libc

/// Name resolution with `getaddrinfo(3)`: `"localhost"` in, socket addresses out.
///
/// `getaddrinfo` reads `/etc/hosts`, asks DNS, and returns every address a name has, in
/// the order to try them (IPv6 first on many systems). It is a library function, not a
/// system call, and it reports failure with its own codes (`EAI_NONAME`, ...) explained by
/// `gai_strerror(3)`, not with `errno`; hence its own error type.
public enum AddressInfo {
    // snippet: getaddrinfo
    /// Looks up the TCP addresses of `host`.
    ///
    /// - Parameters:
    ///   - host: A name such as `"localhost"`, or a numeric address.
    ///   - port: The port to put in each result.
    ///   - numericOnly: Refuse names and accept only numeric addresses (`AI_NUMERICHOST`),
    ///     so no DNS query is ever sent.
    /// - Returns: The addresses, as `sockaddr_storage` holding `sockaddr_in`/`sockaddr_in6`.
    /// - Throws: ``AddressInfoError``.
    public static func lookup(
        host: String,
        port: UInt16,
        numericOnly: Bool = false
    ) throws(AddressInfoError) -> [sockaddr_storage] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketTypeStream
        hints.ai_flags = numericOnly ? AI_NUMERICHOST : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0 else {
            let detail = gai_strerror(code).map { String(cString: $0) } ?? "code \(code)"
            throw AddressInfoError(host: host, code: code, message: detail)
        }
        defer { freeaddrinfo(list) }  // the C library allocated the list; give it back
        var results: [sockaddr_storage] = []
        var entry = list
        while let current = entry?.pointee {
            if let address = current.ai_addr {
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(
                        from: UnsafeRawBufferPointer(start: address, count: Int(current.ai_addrlen))
                    )
                }
                results.append(storage)
            }
            entry = current.ai_next
        }
        return results
    }
    // end-snippet
}

/// `getaddrinfo` could not resolve a name.
public struct AddressInfoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name that was looked up.
    public let host: String
    /// The `EAI_...` code.
    public let code: CInt
    /// `gai_strerror`'s text for the code.
    public let message: String

    /// Records a failed lookup.
    public init(host: String, code: CInt, message: String) {
        self.host = host
        self.code = code
        self.message = message
    }

    /// `getaddrinfo("nowhere.invalid"): Name or service not known`.
    public var description: String {
        "getaddrinfo(\(host.debugDescription)): \(message)"
    }
}
