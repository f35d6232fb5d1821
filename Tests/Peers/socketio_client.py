"""A Socket.IO v5 client made with python-socketio (`AsyncClient`), driven line by line.

The interop tests start it against our server (the sio-contract demo, CONTRACT E) and tell
it what to send; it prints what it hears, one event per line.

    usage: socketio_client.py URL default|websocket|polling NAMESPACES AUTH_JSON

The mode picks the client's `transports`: `default` is ['polling', 'websocket'] (open by
long-polling, then upgrade), the others use that transport alone. NAMESPACES is a
comma-separated list (`/,/custom`) connected at once, each with the AUTH_JSON object.
The client reconnects by itself (python-socketio's default), quickly: 0.2 s, then at most
1 s between attempts.

Values are printed as compact JSON, bytes as "<N bytes pattern>" when they are the
pattern 0, 1, ... 250, 0, ... (what `emit-bytes` sends), else "<N bytes other>".

Printed when it happens
  connected transport=T                     (once connect() returned)
  connect-failed WHY                        (connect() gave up)
  connect NS                                (each namespace, reconnections included)
  connect_error NS DATA                     (a namespace refused us)
  disconnect NS REASON                      (python-socketio's reason: `client disconnect`,
                                             `server disconnect`, `transport error`)
  event NS NAME ARGS                        (every event, ARGS a JSON array)
Commands (stdin)                            Printed
  emit NS EVENT ARGS                        -            (ARGS: a JSON array)
  emit-bytes NS EVENT N                     -            (sends pattern(N) and {"n": bytes 0,1,2})
  call NS EVENT ARGS [TIMEOUT]              ack NS EVENT ARGS, or ack-timeout NS EVENT
  answer plain|binary                       answer MODE  (how `question` events are answered:
                                                          ("answer", payload) or (bytes 0,1, payload))
  transport                                 transport T
  disconnect                                disconnect done
At the end of the input it disconnects (if still connected) and exits 0. Anything it cannot
do ends it with `error ...` and exit status 1.
"""

import asyncio
import json
import logging
import sys

import socketio

from peer_lines import commands, pattern, run, say

MODES = {
    "default": ["polling", "websocket"],
    "websocket": ["websocket"],
    "polling": ["polling"],
}


def shown(value):
    """Compact JSON, bytes as "<N bytes pattern|other>"."""

    def default(item):
        if isinstance(item, (bytes, bytearray)):
            kind = "pattern" if bytes(item) == pattern(len(item)) else "other"
            return f"<{len(item)} bytes {kind}>"
        raise TypeError(f"cannot show {type(item)}")

    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=default)


async def main(url, mode, namespaces, auth):
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s")
    logger = logging.getLogger("socketio_client.py")
    logger.setLevel(logging.WARNING)
    sio = socketio.AsyncClient(
        logger=logger,
        engineio_logger=logger,
        reconnection_delay=0.2,
        reconnection_delay_max=1,
        randomization_factor=0,
        request_timeout=10,
    )
    answers = {"mode": "plain"}

    @sio.on("connect", namespace="*")
    async def connect(namespace):
        say(f"connect {namespace}")

    @sio.on("connect_error", namespace="*")
    async def connect_error(namespace, data=None):
        say(f"connect_error {namespace} {shown(data)}")

    @sio.on("disconnect", namespace="*")
    async def disconnect(namespace, reason=None):
        say(f"disconnect {namespace} {reason}")

    @sio.on("question", namespace="*")
    async def question(namespace, *args):
        payload = args[0] if args else None
        say(f"event {namespace} question {shown(list(args))}")
        if answers["mode"] == "binary":
            return (bytes([0, 1]), payload)
        return ("answer", payload)

    @sio.on("*", namespace="*")
    async def any_event(event, namespace, *args):
        say(f"event {namespace} {event} {shown(list(args))}")

    try:
        await sio.connect(
            url,
            transports=MODES[mode],
            namespaces=namespaces,
            auth=auth,
            wait_timeout=5,
        )
        say(f"connected transport={sio.transport()}")
    except socketio.exceptions.ConnectionError as error:
        say(f"connect-failed {error}")

    async for verb, rest in commands():
        if verb == "emit":
            namespace, event, args = rest.split(" ", 2)
            await sio.emit(event, tuple(json.loads(args)), namespace=namespace)
        elif verb == "emit-bytes":
            namespace, event, count = rest.split(" ")
            data = (pattern(int(count)), {"n": bytes([0, 1, 2])})
            await sio.emit(event, data, namespace=namespace)
        elif verb == "call":
            parts = rest.split(" ", 3)
            namespace, event, args = parts[0], parts[1], json.loads(parts[2])
            timeout = float(parts[3]) if len(parts) > 3 else 5
            try:
                answer = await sio.call(
                    event, tuple(args), namespace=namespace, timeout=timeout
                )
            except socketio.exceptions.TimeoutError:
                say(f"ack-timeout {namespace} {event}")
                continue
            if answer is None:
                answer = []
            elif not isinstance(answer, tuple):
                answer = [answer]
            say(f"ack {namespace} {event} {shown(list(answer))}")
        elif verb == "answer":
            answers["mode"] = rest
            say(f"answer {rest}")
        elif verb == "transport":
            say(f"transport {sio.transport()}")
        elif verb == "disconnect":
            await sio.disconnect()
            say("disconnect done")
        else:
            raise ValueError(f"unknown command {verb!r}")
    if sio.connected:
        await sio.disconnect()


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[2] not in MODES:
        sys.exit(__doc__)
    run(main(sys.argv[1], sys.argv[2], sys.argv[3].split(","), json.loads(sys.argv[4])))
