#!/usr/bin/env python3
"""Stand-in for `ws-autobahn-client`, on Python's `websockets` (run it with
.venv-peers/bin/python).

Same interface as our driver: reads AUTOBAHN_URL (e.g. ws://127.0.0.1:9002) and
AUTOBAHN_AGENT, opens /getCaseCount, runs /runCase?case=i&agent=NAME for i in 1...N
echoing every message until the server closes, then /updateReports?agent=NAME.
Used to test Scripts/autobahn.sh client before ws-autobahn-client exists.
"""
import asyncio
import os
import sys
from urllib.parse import quote

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, WebSocketException

OPTIONS = dict(max_size=32 * 1024 * 1024, compression=None, ping_interval=None)


async def main():
    url = os.environ["AUTOBAHN_URL"].rstrip("/")
    agent = quote(os.environ["AUTOBAHN_AGENT"])
    async with connect(f"{url}/getCaseCount", **OPTIONS) as websocket:
        count = int(await websocket.recv())
    print(f"{count} cases", flush=True)
    for case in range(1, count + 1):
        try:
            async with connect(f"{url}/runCase?case={case}&agent={agent}", **OPTIONS) as ws:
                async for message in ws:
                    await ws.send(message)
        except (ConnectionClosed, WebSocketException, OSError):
            pass  # the fuzzing server fails connections on purpose
    async with connect(f"{url}/updateReports?agent={agent}", **OPTIONS) as websocket:
        try:
            await websocket.recv()
        except ConnectionClosed:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
