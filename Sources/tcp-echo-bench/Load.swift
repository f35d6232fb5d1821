import DemoSupport
import EventLoop
import Foundation
import Sockets
import SystemCalls

/// What one load run measured.
struct LoadResult: CustomStringConvertible {
    var messagesPerSecond: Double
    var p50Microseconds: Double
    var p99Microseconds: Double

    var description: String {
        String(
            format: "%9.0f msg/s  p50 %6.0f us  p99 %6.0f us",
            messagesPerSecond,
            p50Microseconds,
            p99Microseconds
        )
    }
}

/// The run with the median throughput.
func median(_ results: [LoadResult]) -> LoadResult {
    let sorted = results.sorted { $0.messagesPerSecond < $1.messagesPerSecond }
    return sorted.isEmpty
        ? LoadResult(messagesPerSecond: 0, p50Microseconds: 0, p99Microseconds: 0)
        : sorted[sorted.count / 2]
}

/// Latencies from every connection of one run; touched only on the load loop.
final class LoadRun {
    var latencies: [UInt64] = []
    var unfinished: Int
    var failures = 0
    let onDone: (LoadRun) -> Void

    init(connections: Int, onDone: @escaping (LoadRun) -> Void) {
        self.unfinished = connections
        self.onDone = onDone
    }

    func connectionFinished() {
        unfinished -= 1
        if unfinished == 0 { onDone(self) }
    }
}

// snippet: ping-pong-client
/// One connection of the load: send a message, wait for all of it to come back, repeat.
final class PingPongClient: TCPConnectionHandler {
    let run: LoadRun
    let message: [UInt8]
    var remaining: Int
    var received = 0
    var sentAt: UInt64 = 0
    var finished = false

    init(run: LoadRun, message: [UInt8], count: Int) {
        self.run = run
        self.message = message
        self.remaining = count
    }

    func send(on connection: TCPConnection) {
        sentAt = MonotonicClock.nanoseconds()
        connection.write(message)
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        send(on: connection)
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        received += bytes.count
        while received >= message.count {
            received -= message.count
            run.latencies.append(MonotonicClock.nanoseconds() - sentAt)
            remaining -= 1
            if remaining == 0 {
                connection.close()
                return
            }
            send(on: connection)
        }
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        if remaining > 0 { run.failures += 1 }
        guard !finished else { return }
        finished = true
        run.connectionFinished()
    }
}
// end-snippet

/// Opens `connections` connections from `loop` and runs the ping-pong on all of them.
func runLoad(
    against address: SocketAddress,
    on loop: EventLoop,
    connections: Int,
    messages: Int,
    size: Int
) async throws -> LoadResult {
    let message = [UInt8](repeating: UInt8(ascii: "x"), count: size)
    let start = MonotonicClock.nanoseconds()
    let summary: (latencies: [UInt64], failures: Int) = await withCheckedContinuation {
        continuation in
        loop.execute {
            let run = LoadRun(connections: connections) { run in
                continuation.resume(returning: (run.latencies, run.failures))
            }
            run.latencies.reserveCapacity(connections * messages)
            for _ in 0..<connections {
                let client = PingPongClient(run: run, message: message, count: messages)
                _ = try? TCPConnection.connect(to: address, on: loop, handler: client)
            }
        }
    }
    let elapsed = Double(MonotonicClock.nanoseconds() - start) / 1e9
    if summary.failures > 0 { printToStandardError("  \(summary.failures) connections failed") }
    let sorted = summary.latencies.sorted()
    func percentile(_ fraction: Double) -> Double {
        sorted.isEmpty
            ? 0 : Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]) / 1000
    }
    return LoadResult(
        messagesPerSecond: Double(sorted.count) / elapsed,
        p50Microseconds: percentile(0.50),
        p99Microseconds: percentile(0.99)
    )
}
