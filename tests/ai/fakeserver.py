"""A real HTTP/1.1 server on 127.0.0.1 that replays scripted provider responses.

Built on asyncio.start_server and raw bytes so that tests control the framing exactly:
chunked or close-delimited bodies, awkward splits, pauses, stalls and dropped connections.
Each request takes the next queued `Reply`; every request is recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class Reply:
    status: int = 200
    parts: list[bytes | float] = field(default_factory=list)  # bytes to send, float = pause
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/event-stream"
    mode: Literal["chunked", "close", "length"] = "chunked"
    drop: bool = False  # end without the final zero chunk: a connection dropped mid-stream
    stall: bool = False  # after the parts, send nothing more until the client gives up
    keepalive_every: float | None = None  # with stall: send ": keep-alive" this often


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def sse(*events: str | dict[str, Any], event: str | None = None, crlf: bool = False) -> bytes:
    """SSE framing for JSON payloads or raw data strings ("[DONE]")."""
    nl = "\r\n" if crlf else "\n"
    out = []
    for item in events:
        data = item if isinstance(item, str) else json.dumps(item)
        head = f"event: {event}{nl}" if event else ""
        out.append(f"{head}data: {data}{nl}{nl}")
    return "".join(out).encode()


def json_reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(
        status=status,
        parts=[json.dumps(body).encode()],
        headers=headers or {},
        content_type="application/json",
        mode="length",
    )


class FakeServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.requests: list[Request] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    async def start(self) -> FakeServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        self.requests.append(Request(method, path, headers, body))
        reply = self.replies.popleft() if self.replies else json_reply(500, {"error": "no reply"})
        status_line = f"HTTP/1.1 {reply.status} X\r\n"
        out_headers = {"content-type": reply.content_type, "connection": "close", **reply.headers}
        payload = b"".join(p for p in reply.parts if isinstance(p, bytes))
        if reply.mode == "chunked":
            out_headers["transfer-encoding"] = "chunked"
        elif reply.mode == "length":
            out_headers["content-length"] = str(len(payload))
        writer.write(
            (
                status_line + "".join(f"{k}: {v}\r\n" for k, v in out_headers.items()) + "\r\n"
            ).encode()
        )
        await writer.drain()
        for part in reply.parts:
            if isinstance(part, float):
                await asyncio.sleep(part)
                continue
            await self._write(writer, part, reply.mode)
        if reply.stall:
            while True:
                if reply.keepalive_every is None:
                    await asyncio.sleep(3600)
                await asyncio.sleep(reply.keepalive_every or 0)
                await self._write(writer, b": keep-alive\n\n", reply.mode)
        if reply.mode == "chunked" and not reply.drop:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
        if reply.drop:
            writer.transport.abort()

    @staticmethod
    async def _write(writer: asyncio.StreamWriter, data: bytes, mode: str) -> None:
        if mode == "chunked":
            writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        else:
            writer.write(data)
        await writer.drain()
