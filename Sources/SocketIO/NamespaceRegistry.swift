import SystemCalls

/// Every namespace of a server, by name, and the parents that make namespaces on demand.
///
/// It is shared by every loop, behind a lock, and consulted once per CONNECT packet: a
/// connection keeps the namespaces it joined in a table of its own, so no packet after the
/// CONNECT looks here again.
final class NamespaceRegistry: Sendable {
    private struct Table {
        var namespaces: [String: SocketIONamespace] = [:]
        var parents: [SocketIONamespace] = []
    }

    let context: SocketIOServerContext
    private let table = Locked(Table())

    init(context: SocketIOServerContext) {
        self.context = context
    }

    /// The namespace `name`, made if new.
    func namespace(_ name: String) -> SocketIONamespace {
        let name = Self.normalized(name)
        return table.withLock { table in
            if let existing = table.namespaces[name] { return existing }
            let made = SocketIONamespace(name: name, context: context)
            table.namespaces[name] = made
            return made
        }
    }

    /// A new parent namespace that makes a child for each name `matcher` accepts.
    func addParent(
        _ matcher: @escaping @Sendable (String, SocketIOObject) -> Bool
    ) -> SocketIONamespace {
        table.withLock { table in
            let parent = SocketIONamespace(
                name: "/_\(table.parents.count)",
                context: context,
                matcher: matcher
            )
            table.parents.append(parent)
            return parent
        }
    }

    /// The namespace a CONNECT for `name` reaches: an existing one, or a new child of the
    /// first parent that accepts the name; `nil` if none does ("Invalid namespace").
    ///
    /// The parents' matchers run outside the lock: they are the application's code.
    func resolve(_ name: String, auth: SocketIOObject) -> SocketIONamespace? {
        let (existing, parents) = table.withLock { ($0.namespaces[name], $0.parents) }
        if let existing { return existing }
        guard let parent = parents.first(where: { $0.matcher?(name, auth) == true }) else {
            return nil
        }
        return table.withLock { table in
            if let raced = table.namespaces[name] { return raced }
            let child = SocketIONamespace(name: name, context: context, parent: parent)
            table.namespaces[name] = child
            parent.addChild(child)
            return child
        }
    }

    /// `chat` is `/chat`, as in JavaScript.
    static func normalized(_ name: String) -> String {
        name.hasPrefix("/") ? name : "/" + name
    }
}
