"""An Engine.IO v4 server made with python-engineio (`AsyncServer` served by aiohttp), for
our client to talk to.

    usage: engineio_server.py [--port N]

Prints `listening on 127.0.0.1:PORT` first, like our demos, then one line per event:
  connect transport=polling|websocket      a session opened (the transport of its handshake)
  message T text WORDS                     a text message arrived over transport T
  message T text-bytes N                   ... one longer than 1000 characters (N bytes)
  message T binary N                       a binary message of N bytes
  disconnect REASON                        the session ended (python-engineio's reason:
                                           `client disconnect`, `server disconnect`,
                                           `transport close`, `ping timeout`, ...)
T is the session's transport when the message arrived: `websocket` once it has upgraded.
Every message is echoed, except these texts:
  disconnect me      the server ends the session (python-engineio's `disconnect(sid)`),
                     once a poll is held to carry the close packet
  pongs?             answered `pongs N`: how many pongs the session has sent so far
Two patches to python-engineio, explained where they are made: pongs are counted, and a
POST body is read whole. It pings every second and waits 0.5 s for the pong
(python-engineio announces the ping interval as `int(seconds) * 1000`, so a fraction of a
second would be announced as 0).
SIGTERM stops it.
"""

import asyncio
import signal
import sys
from urllib.parse import parse_qs

import engineio
from aiohttp import web
from engineio import async_socket, packet
from engineio.async_drivers import aiohttp as aiohttp_driver

from peer_lines import say

pongs = {}
receive = async_socket.AsyncSocket.receive


async def counting_receive(self, pkt):
    """AsyncSocket.receive, counting pongs: python-engineio has no event for them."""
    if pkt.packet_type == packet.PONG:
        pongs[self.sid] = pongs.get(self.sid, 0) + 1
    await receive(self, pkt)


async_socket.AsyncSocket.receive = counting_receive


class WholeBody:
    """The request body for python-engineio's POST handler, read whole.

    python-engineio 4.15.1 reads a POST with `await wsgi.input.read(CONTENT_LENGTH)`, which
    on aiohttp's stream returns only what has arrived so far: a body of many TCP segments
    (999,000 bytes) is cut short and fails to decode, even from python-engineio's own
    client. `readexactly` waits for all of it.
    """

    def __init__(self, stream):
        self.stream = stream

    async def read(self, length):
        return await self.stream.readexactly(length)


translate_request = aiohttp_driver._async["translate_request"]


def translate_request_whole(request):
    environ = translate_request(request)
    environ["wsgi.input"] = WholeBody(environ["wsgi.input"])
    return environ


aiohttp_driver._async["translate_request"] = translate_request_whole


tasks = set()


async def disconnect_when_polled(server, sid):
    """Ends the session once a poll of the client is waiting for it (or its WebSocket is).

    python-engineio's `disconnect(sid)` queues the close packet and marks the session
    closed; a poll that arrives after that gets 400, not the close packet (its
    `_get_socket` drops closed sessions). So the close waits for a poll that is already
    held: one whose task waits on the session's queue. (That asyncio.Queue's `_getters`
    is private; it is what tells "a GET is held" here, and the pins keep it stable.)
    """
    socket = server.sockets.get(sid)
    for _ in range(300):
        if socket is None or socket.queue._getters:
            break
        await asyncio.sleep(0.01)
    await server.disconnect(sid)


def make_server():
    server = engineio.AsyncServer(
        async_mode="aiohttp",
        ping_interval=1,
        ping_timeout=0.5,
        max_http_buffer_size=1_000_000,
        cors_allowed_origins="*",
        async_handlers=False,  # messages handled in order, one at a time
    )

    @server.on("connect")
    async def connect(sid, environ):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        say(f"connect transport={query.get('transport', ['?'])[0]}")

    @server.on("message")
    async def message(sid, data):
        transport = server.transport(sid)
        if isinstance(data, bytes):
            say(f"message {transport} binary {len(data)}")
        elif isinstance(data, str) and len(data) > 1000:
            say(f"message {transport} text-bytes {len(data.encode())}")
        else:
            say(f"message {transport} text {data}")
        if data == "disconnect me":
            task = asyncio.create_task(disconnect_when_polled(server, sid))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        elif data == "pongs?":
            await server.send(sid, f"pongs {pongs.get(sid, 0)}")
        else:
            await server.send(sid, data)

    @server.on("disconnect")
    async def disconnect(sid, reason):
        say(f"disconnect {reason}")

    return server


async def main(port):
    # A child inherits its parent's blocked signals, and a test process may block SIGTERM
    # (to read it with sigwait); unblocked here, SIGTERM reaches the handler below.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    server = make_server()
    app = web.Application()
    server.attach(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    address = site._server.sockets[0].getsockname()
    say(f"listening on {address[0]}:{address[1]}")
    await stop
    await server.shutdown()
    await runner.cleanup()


if __name__ == "__main__":
    port, rest = 0, sys.argv[1:]
    while rest:
        if len(rest) < 2 or rest[0] != "--port":
            sys.exit(__doc__)
        port, rest = int(rest[1]), rest[2:]
    asyncio.run(main(port))
