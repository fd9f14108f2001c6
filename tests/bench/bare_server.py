"""The same aiohttp low-level server as the listener, storing nothing: the ceiling to compare with.

python tests/bench/bare_server.py [--loop asyncio|uvloop]   (prints its port, serves until killed)
"""

from __future__ import annotations

import argparse
import asyncio
import socket

from aiohttp import web


async def handle(request: web.BaseRequest) -> web.Response:
    # Read headers and body as the listener does, then answer at once.
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.raw_headers]
    body = await request.read()
    del headers, body
    return web.Response(status=200, body=b'{"ok": true, "id": 0}', content_type="application/json")


async def main() -> None:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    server = await asyncio.get_running_loop().create_server(web.Server(handle), sock=sock)
    print(sock.getsockname()[1], flush=True)
    async with server:
        await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    if parser.parse_args().loop == "uvloop":
        import uvloop

        uvloop.run(main())
    else:
        asyncio.run(main())
