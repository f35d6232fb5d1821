"""A WebSocket client made with Python's `websockets`, driven line by line from stdin.

The interop tests start it against our server (the ws-echo and ws-chat demos) and tell it
what to do; it prints what it hears, one event per line, so the Swift test reads as the
specification of the conversation.

    usage: websockets_client.py URL [--subprotocol NAME ...]

Prints first:  connected subprotocol=NAME|-
Commands (stdin)                 Printed when it happens
  text WORDS                     text WORDS          (each text message received)
  binary N                       binary N same|different  (each binary message received,
                                 compared with the last one sent)
  fragments A|B|C                (sends the text message "ABC" in three frames)
  ping                           pong                (our pong came back)
  close CODE REASON              closed CODE REASON  (the server's close frame)
  expect-close                   closed CODE REASON  (waits for the server to close)
Anything it cannot do ends it with `error ...` and exit status 1.
"""

import asyncio
import sys

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from peer_lines import commands, pattern, run, say, say_closed


async def listen(socket, sent):
    try:
        async for message in socket:
            if isinstance(message, str):
                say(f"text {message}")
            else:
                verdict = "same" if message == sent.get("binary") else "different"
                say(f"binary {len(message)} {verdict}")
    except ConnectionClosed:
        pass
    say_closed(socket)


async def main(url, subprotocols):
    async with connect(
        url, subprotocols=subprotocols or None, max_size=None, ping_interval=None
    ) as socket:
        say(f"connected subprotocol={socket.subprotocol or '-'}")
        sent = {}
        listener = asyncio.create_task(listen(socket, sent))
        async for verb, rest in commands():
            if verb == "text":
                await socket.send(rest)
            elif verb == "binary":
                sent["binary"] = pattern(int(rest))
                await socket.send(sent["binary"])
            elif verb == "fragments":
                await socket.send(rest.split("|"))  # an iterable: one frame per item
            elif verb == "ping":
                pong = await socket.ping()
                await asyncio.wait_for(pong, 10)
                say("pong")
            elif verb == "close":
                code, _, reason = rest.partition(" ")
                await socket.close(int(code), reason)
                break
            elif verb == "expect-close":
                break
            else:
                raise ValueError(f"unknown command {verb!r}")
        await asyncio.wait_for(listener, 10)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if not arguments:
        sys.exit(__doc__)
    url, offered = arguments[0], []
    rest = arguments[1:]
    while rest:
        flag, value, *rest = rest
        if flag != "--subprotocol":
            sys.exit(f"unknown option {flag}")
        offered.append(value)
    run(main(url, offered))
