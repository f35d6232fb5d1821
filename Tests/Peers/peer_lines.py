"""What the peer programs share: one event per line on stdout, one command per line on stdin.

The Swift tests read these lines, so every peer prints them the same way.
"""

import asyncio
import sys


def say(line):
    """Prints one event line, at once: the test is waiting for it."""
    print(line, flush=True)


def pattern(count):
    """The bytes 0, 1, ... 250, 0, 1, ... (251 is prime, so no power-of-two period)."""
    return bytes(i % 251 for i in range(count))


def say_closed(socket):
    """Prints the close frame `socket` received, `closed CODE REASON`, or that none came."""
    received = socket.protocol.close_rcvd
    if received is None:
        say("closed without a close frame")
    else:
        say(f"closed {received.code} {received.reason}".rstrip())


async def commands():
    """Yields `(verb, rest)` for each line on standard input, until it ends."""
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        verb, _, rest = line.rstrip("\n").partition(" ")
        yield verb, rest


def run(main):
    """Runs the coroutine `main`; an exception becomes an `error ...` line and exit status 1."""
    try:
        asyncio.run(main)
    except Exception as error:  # the test reads this line
        say(f"error {type(error).__name__}: {error}")
        sys.exit(1)
