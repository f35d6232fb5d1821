#!/usr/bin/env python3
"""Stand-in for `ws-echo`, on Python's `websockets` (run it with .venv-peers/bin/python).

Same interface as our demo: --host, --port (0 picks a free one), prints
`listening on HOST:PORT` as its first line, echoes every message unchanged on every path,
accepts messages up to 32 MiB, stops on SIGINT/SIGTERM. Used to test Scripts/autobahn.sh
before ws-echo exists, and as a known peer: Autobahn fails it on a few cases
(more than 4096 fragments, 7.1.5), which proves the checker catches failures.
"""
import argparse
import asyncio
import signal

from websockets.asyncio.server import serve


async def echo(websocket):
    async for message in websocket:
        await websocket.send(message)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9001)
    args = parser.parse_args()
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.cancel)
    async with serve(echo, args.host, args.port, max_size=32 * 1024 * 1024,
                     compression=None, ping_interval=None) as server:
        host, port = server.sockets[0].getsockname()[:2]
        print(f"listening on {host}:{port}", flush=True)
        try:
            await stop
        except asyncio.CancelledError:
            pass


if __name__ == "__main__":
    asyncio.run(main())
