"""An Engine.IO v4 client made with python-engineio (`AsyncClient`), driven line by line.

The interop tests start it against our server (the eio-server demo, CONTRACT C: every
message comes back) and tell it what to send; it prints what it hears, one event per line.

    usage: engineio_client.py URL default|websocket|polling

The mode picks the client's `transports`: `default` is ['polling', 'websocket'] (open by
long-polling, then upgrade), the others use that transport alone.

Prints first:  connected transport=polling|websocket upgrades=websocket|-
               sid SID
Commands (stdin)            Printed when it happens
  text WORDS                text WORDS              (each text message received; python-engineio
                                                     reads text that is JSON as JSON, so send
                                                     words, not JSON)
  texts A|B|C               (sends A, B and C at once: one POST, or three frames; at most
                             16, the most python-engineio decodes from one polling body)
  binary N                  binary N same|different (each binary message, compared with the last
                                                     one sent: N bytes 0, 1, ... 250, 0, ...)
  all-bytes                 binary 256 same|different (the bytes 0 to 255)
  big-text N                big-text N same|different (a text message of N bytes of UTF-8,
                                                     multi-byte characters and U+2028 in it)
  idle SECONDS              idle pings=N transport=T state=S (after waiting SECONDS; N is how
                                                     many pings the server sent meanwhile)
  ask-sid                   sid-status STATUS BODY  (a polling GET with the session's sid, by
                                                     a separate HTTP client: 400 once it is gone;
                                                     on a live polling session it would be a
                                                     second GET, which closes the session)
  await-gone                sid-status STATUS BODY  (asks, up to 5 s, until the server no
                                                     longer knows the session, by a request
                                                     that cannot disturb a live one: a
                                                     `transport=websocket` GET without
                                                     Upgrade, refused with code 3 while the
                                                     session lives and code 1 once it is gone)
  disconnect                disconnect done         (after our close has gone through)
Events                      disconnected REASON     (python-engineio's reason: `client
                                                     disconnect`, `server disconnect`,
                                                     `transport error`)
At the end of the input it disconnects (if still connected) and exits 0. Anything it cannot
do ends it with `error ...` and exit status 1.
"""

import asyncio
import logging
import sys

import aiohttp
import engineio
from engineio import packet

from peer_lines import commands, pattern, run, say

MODES = {
    "default": ["polling", "websocket"],
    "websocket": ["websocket"],
    "polling": ["polling"],
}


def big_text(size):
    """`size` bytes of UTF-8: 1-, 2-, 3- and 4-byte characters and U+2028, then ASCII."""
    unit = "aé☕😀\u2028"  # 1 + 2 + 3 + 4 + 3 = 13 bytes
    count = size // 13
    return unit * count + "x" * (size - 13 * count)


class CountingClient(engineio.AsyncClient):
    """An AsyncClient that counts the server's pings (python-engineio has no event for
    them): the test checks that the heartbeat really ran while the client was idle."""

    pings = 0

    async def _receive_packet(self, pkt):
        if pkt.packet_type == packet.PING:
            self.pings += 1
        await super()._receive_packet(pkt)


async def main(url, mode):
    # python-engineio's warnings (why it gave a connection up) go to stderr, which the
    # tests show when a line is not what they expect.
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s")
    logger = logging.getLogger("engineio_client.py")
    logger.setLevel(logging.WARNING)
    client = CountingClient(request_timeout=10, logger=logger)
    sent = {}

    @client.on("message")
    async def message(data):
        if isinstance(data, bytes):
            verdict = "same" if data == sent.get("binary") else "different"
            say(f"binary {len(data)} {verdict}")
        elif not isinstance(data, str):
            say(f"json {data!r}")  # text that python-engineio read as JSON
        elif len(data) > 1000:
            verdict = "same" if data == sent.get("big-text") else "different"
            say(f"big-text {len(data.encode())} {verdict}")
        else:
            say(f"text {data}")

    @client.on("disconnect")
    async def disconnect(reason):
        say(f"disconnected {reason}")

    await client.connect(url, transports=MODES[mode])
    say(f"connected transport={client.transport()} upgrades={','.join(client.upgrades) or '-'}")
    sid = client.sid
    say(f"sid {sid}")

    async for verb, rest in commands():
        if verb == "text":
            await client.send(rest)
        elif verb == "texts":
            for text in rest.split("|"):
                await client.send(text)  # queued; the writer sends them together
        elif verb == "binary":
            sent["binary"] = pattern(int(rest))
            await client.send(sent["binary"])
        elif verb == "all-bytes":
            sent["binary"] = bytes(range(256))
            await client.send(sent["binary"])
        elif verb == "big-text":
            sent["big-text"] = big_text(int(rest))
            await client.send(sent["big-text"])
        elif verb == "idle":
            before = client.pings
            await asyncio.sleep(float(rest))
            say(
                f"idle pings={client.pings - before} transport={client.transport()}"
                f" state={client.state}"
            )
        elif verb == "ask-sid":
            base = url.rstrip("/")
            query = f"EIO=4&transport=polling&sid={sid}"
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{base}/engine.io/?{query}") as response:
                    body = await response.text()
            say(f"sid-status {response.status} {body}")
        elif verb == "await-gone":
            # python-engineio's disconnect() can return before its close POST has landed.
            base = url.rstrip("/")
            query = f"EIO=4&transport=websocket&sid={sid}"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 5
            async with aiohttp.ClientSession() as http:
                while True:
                    async with http.get(f"{base}/engine.io/?{query}") as response:
                        body = await response.text()
                    if '"code":1' in body or loop.time() > deadline:
                        break
                    await asyncio.sleep(0.02)
            say(f"sid-status {response.status} {body}")
        elif verb == "disconnect":
            await client.disconnect()
            say("disconnect done")
        else:
            raise ValueError(f"unknown command {verb!r}")
    if client.state == "connected":
        await client.disconnect()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in MODES:
        sys.exit(__doc__)
    run(main(sys.argv[1], sys.argv[2]))
