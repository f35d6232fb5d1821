import Redis
import TestSupport
import Testing

@Suite("AUTH with requirepass and with an ACL user", .ownThread, .timeLimit(.minutes(2)))
struct RedisAuthTests {
    @Test(
        "the password logs in, in RESP2 (AUTH) and RESP3 (HELLO 3 AUTH)",
        arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3]
    )
    func password(_ version: RedisConfiguration.ProtocolVersion) async throws {
        try await withRedis(["--requirepass", "s3cret"]) { server, loop in
            var configuration = testConfiguration()
            configuration.protocolVersion = version
            // Without a password, the server refuses every command with NOAUTH.
            let anonymous = try? await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            let refused = await #expect(throws: RedisError.self) {
                try await anonymous?.send("GET", "k")
            }
            #expect(
                refused.flatMap { if case .server(let error) = $0 { error.code } else { nil } }
                    == "NOAUTH"
            )
            await anonymous?.close()

            configuration.password = "wrong"
            let wrong = await #expect(throws: RedisError.self) {
                try await RedisConnection.connect(
                    to: server.address,
                    configuration: configuration,
                    on: loop
                )
            }
            guard case .handshakeFailed(let command, let error) = wrong else {
                Issue.record("expected handshakeFailed, got \(String(describing: wrong))")
                return
            }
            #expect(command == (version == .resp3 ? "HELLO" : "AUTH"))
            #expect(error.code == "WRONGPASS")
            #expect(
                !"\(String(describing: wrong))".contains("wrong"),
                "the password must not be shown"
            )

            configuration.password = "s3cret"
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            #expect(try await redis.send("SET", "k", "v") == .simpleString("OK"))
            await redis.close()
        }
    }

    @Test(
        "an ACL user logs in with its name, and its rules apply",
        arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3]
    )
    func aclUser(_ version: RedisConfiguration.ProtocolVersion) async throws {
        try await withRedis(["--requirepass", "admin"]) { server, loop in
            var admin = testConfiguration()
            admin.password = "admin"
            let root = try await RedisConnection.connect(
                to: server.address,
                configuration: admin,
                on: loop
            )
            try await root.send(
                "ACL",
                "SETUSER",
                "alice",
                "on",
                ">wonderland",
                "~app:*",
                "&*",
                "+@all"
            )
            await root.close()

            var configuration = testConfiguration()
            configuration.protocolVersion = version
            configuration.username = "alice"
            configuration.password = "wonderland"
            let alice = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            #expect(try await alice.send("ACL", "WHOAMI").string == "alice")
            #expect(try await alice.send("SET", "app:1", "ok") == .simpleString("OK"))
            let denied = await #expect(throws: RedisError.self) {
                try await alice.send("SET", "other", "no")
            }
            #expect(
                denied.flatMap { if case .server(let error) = $0 { error.code } else { nil } }
                    == "NOPERM"
            )
            await alice.close()

            configuration.password = "looking-glass"
            await #expect(throws: RedisError.self) {
                try await RedisConnection.connect(
                    to: server.address,
                    configuration: configuration,
                    on: loop
                )
            }
        }
    }
}
