"""A WebSocket server made with Python's `websockets`, for our client to talk to.

    usage: websockets_server.py [--port N] [--subprotocol NAME ...]

Prints `listening on 127.0.0.1:PORT` first, like our demos, then `open PATH subprotocol=NAME|-`
for each connection and `closed CODE REASON` when it ends. It picks the first subprotocol
of its own list that the client offers. Every message is echoed, except these texts:
  fragments A|B|C     answers the text message "ABC", sent in three frames
  big N               answers a binary message of N bytes (0, 1, ... 250, 0, ...)
  close CODE REASON   closes the connection with that code and reason
  ping                sends a ping and answers "pong received" when the pong is back
SIGTERM stops it.
"""

import asyncio
import signal
import sys

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed

from peer_lines import pattern, say, say_closed


async def handle(socket):
    say(f"open {socket.request.path} subprotocol={socket.subprotocol or '-'}")
    try:
        async for message in socket:
            if isinstance(message, str):
                verb, _, rest = message.partition(" ")
                if verb == "fragments":
                    await socket.send(rest.split("|"))
                    continue
                if verb == "big":
                    await socket.send(pattern(int(rest)))
                    continue
                if verb == "close":
                    code, _, reason = rest.partition(" ")
                    await socket.close(int(code), reason)
                    break
                if verb == "ping":
                    pong = await socket.ping()
                    await asyncio.wait_for(pong, 10)
                    await socket.send("pong received")
                    continue
            await socket.send(message)
    except ConnectionClosed:
        pass
    say_closed(socket)


async def main(port, subprotocols):
    # A child inherits its parent's blocked signals, and a test process may block SIGTERM
    # (to read it with sigwait); unblocked here, SIGTERM reaches the handler below.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with serve(
        handle,
        "127.0.0.1",
        port,
        subprotocols=subprotocols or None,
        max_size=None,
        ping_interval=None,
    ) as server:
        address = server.sockets[0].getsockname()
        say(f"listening on {address[0]}:{address[1]}")
        await stop


if __name__ == "__main__":
    port, offered, rest = 0, [], sys.argv[1:]
    while rest:
        if len(rest) < 2:
            sys.exit(__doc__)
        flag, value, *rest = rest
        if flag == "--port":
            port = int(value)
        elif flag == "--subprotocol":
            offered.append(value)
        else:
            sys.exit(__doc__)
    asyncio.run(main(port, offered))
