"""The bot's Bot API request lets only BACKCOACH_BOT_API_CONNECTIONS requests into httpx at a time
(httpcore's pool costs CPU in proportion to the requests queued on it; bench/updates.py shows the
gain), and every request still gets through.

The server is a real HTTP server on the loopback (the network edge), slow on purpose, counting the
requests it is answering at once."""

from __future__ import annotations

import asyncio
import json

from telegram.request import RequestData

from bot.settings import Settings
from bot.telegram.app import BotApiRequest


class SlowServer:
    """Answers every POST with an ok result after `delay` seconds; notes the most at once."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.now = self.most = self.answered = 0
        self.connections: set[asyncio.Task[None]] = set()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.connections.add(task)
        try:
            while head := await self._head(reader):  # keep-alive: one request after another
                await self._answer(head, reader, writer)
        finally:
            writer.close()
            await writer.wait_closed()

    @staticmethod
    async def _head(reader: asyncio.StreamReader) -> bytes:
        """The next request's head, or b"" once the client has closed the connection."""
        try:
            return await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return b""

    async def _answer(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)
        self.now += 1
        self.most = max(self.most, self.now)
        await asyncio.sleep(self.delay)
        self.now -= 1
        self.answered += 1
        body = json.dumps({"ok": True, "result": True}).encode()
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()


async def test_forty_requests_through_three_connections_are_all_answered_three_at_a_time() -> None:
    """40 requests started together through a request allowing 3 at a time, each answered in
    0.1 s: the waiting ones are neither lost nor failed (all 40 answered, status 200), and the
    server never answers more than 3 at once."""
    server = SlowServer(delay=0.1)
    listening = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    request = BotApiRequest(connections=3)
    await request.initialize()
    try:
        url = f"http://127.0.0.1:{port}/botTOKEN/sendMessage"
        data = RequestData([])
        results = await asyncio.gather(*(request.do_request(url, "POST", data) for _ in range(40)))
    finally:
        await request.shutdown()  # closes its connections: each handler sees the end and returns
        listening.close()
        await asyncio.wait_for(asyncio.gather(*server.connections), 5)
        await listening.wait_closed()
    assert [code for code, _ in results] == [200] * 40
    assert server.answered == 40
    assert server.most == 3


def test_the_bot_keeps_fewer_connections_than_httpx_keeps_alive() -> None:
    """The default stays within httpx's 20 kept-alive connections, so none is reopened per burst."""
    assert 1 <= Settings().bot_api_connections <= 20
