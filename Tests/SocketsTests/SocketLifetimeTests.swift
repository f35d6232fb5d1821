import Sockets
import SystemCalls
import TestSupport
import Testing

/// Leak tests, each in a process of its own.
///
/// Descriptor counts are per process, and Swift Testing runs tests in parallel, so these
/// tests run in a child process of their own (an exit test), where no other test opens
/// sockets behind their back. They count sockets rather than all descriptors, because the
/// runtime opens a few descriptors of its own whenever it likes.
@Suite("Socket ownership: each descriptor is closed exactly once, and never leaked", .ownThread)
struct SocketLifetimeTests {
    @Test(
        "opening and closing hundreds of connections leaves the socket count where it was",
        arguments: loopbackHosts
    )
    func noLeakWhenClosed(host: String) async {
        await #expect(processExitsWith: .success) { [host] in
            let before = openSocketCount()
            #expect(before >= 0)
            for _ in 0..<200 {
                let pair = try ConnectedPair(host: host)
                pair.close()
            }
            let listener = try ListeningSocket(host: host, port: 0)
            listener.close()
            #expect(openSocketCount() == before)
        }
    }

    @Test("sockets dropped without close() are closed by deinit", arguments: loopbackHosts)
    func deinitCloses(host: String) async {
        await #expect(processExitsWith: .success) { [host] in
            let before = openSocketCount()
            do {
                var pairs: [ConnectedPair] = []
                for _ in 0..<100 { pairs.append(try ConnectedPair(host: host)) }
                let listener = try ListeningSocket(host: host, port: 0)
                #expect(openSocketCount() == before + 201)
                #expect(listener.socket.isOpen && pairs.count == 100)
            }
            #expect(openSocketCount() == before)
        }
    }

    @Test("close() twice is harmless: the second call does not close a reused descriptor number")
    func closeTwice() async {
        await #expect(processExitsWith: .success) {
            let first = try Socket(family: .ipv4)
            let number = first.descriptor
            first.close()
            #expect(!first.isOpen)
            // The kernel hands out the lowest free number, so the next socket reuses it.
            let second = try Socket(family: .ipv4)
            #expect(second.descriptor == number)
            first.close()  // must not reach the kernel, or it would close `second`
            #expect(second.isOpen)
            try second.set(.keepAlive, true)
            #expect(try second.get(.keepAlive))
            second.close()
            #expect(throws: SystemCallError(call: "fcntl", errno: .badDescriptor)) {
                try number.isNonBlocking()
            }
        }
    }
}
