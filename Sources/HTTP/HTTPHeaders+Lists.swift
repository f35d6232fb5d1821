extension HTTPHeaders {
    /// The members of every comma-separated list field called `name`, trimmed, in order.
    ///
    /// Many fields are lists (RFC 9110 §5.6.1), and a list may be split over several field
    /// lines: `Connection: keep-alive` then `Connection: Upgrade` mean the same as
    /// `Connection: keep-alive, Upgrade`. Empty members are dropped.
    ///
    /// - Parameter name: A field name, such as `Sec-WebSocket-Protocol`.
    /// - Returns: The members, such as `["chat", "superchat"]`.
    public func listMembers(of name: String) -> [String] {
        values(for: name).flatMap { HTTPSyntax.listMembers($0).map(String.init) }
    }

    /// Whether the list field `name` has `token` among its members, ignoring ASCII case:
    /// `Connection: keep-alive, Upgrade` contains `upgrade`; `Connection: upgrades` does not.
    ///
    /// - Parameters:
    ///   - name: A field name.
    ///   - token: The member to look for.
    /// - Returns: Whether it is there.
    public func listContains(_ name: String, token: String) -> Bool {
        listMembers(of: name).contains { Self.namesMatch($0, token) }
    }
}
