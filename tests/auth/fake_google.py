"""A fake of Google's device-flow endpoints: a real HTTP/1.1 server on 127.0.0.1 (asyncio)."""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from interviewai_tui.auth.google import GoogleEndpoints

REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}
REASONS |= {428: "Precondition Required", 429: "Too Many Requests"}


def b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def fake_id_token(claims: dict[str, Any]) -> str:
    return f"{b64url({'alg': 'RS256', 'typ': 'JWT'})}.{b64url(claims)}.c2lnbmF0dXJl"


@dataclass
class Reply:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeGoogle:
    """Serves /device/code, /token (replies taken from `token_replies` in order) and /userinfo."""

    device_reply: Reply = field(
        default_factory=lambda: Reply(
            200,
            {
                "device_code": "dev-code-1",
                "user_code": "ABCD-EFGH",
                "verification_url": "https://www.google.com/device",
                "expires_in": 1800,
                "interval": 1,
            },
        )
    )
    token_replies: list[Reply] = field(default_factory=list)
    userinfo_reply: Reply = field(default_factory=lambda: Reply(404, {}))
    requests: list[tuple[str, str, dict[str, str], dict[str, list[str]]]] = field(
        default_factory=list
    )
    _server: asyncio.AbstractServer | None = None
    port: int = 0

    @property
    def endpoints(self) -> GoogleEndpoints:
        base = f"http://127.0.0.1:{self.port}"
        return GoogleEndpoints(f"{base}/device/code", f"{base}/token", f"{base}/userinfo")

    async def __aenter__(self) -> FakeGoogle:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def token_requests(self) -> list[dict[str, list[str]]]:
        return [form for _, path, _, form in self.requests if path == "/token"]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            form = parse_qs(body.decode())
            self.requests.append((method, path, headers, form))
            reply = self._route(path)
            payload = json.dumps(reply.body).encode()
            out = [f"HTTP/1.1 {reply.status} {REASONS.get(reply.status, 'X')}"]
            out += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
            out += ["Connection: close"] + [f"{k}: {v}" for k, v in reply.headers.items()]
            writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + payload)
            await writer.drain()
        finally:
            writer.close()

    def _route(self, path: str) -> Reply:
        if path == "/device/code":
            return self.device_reply
        if path == "/token":
            if not self.token_replies:
                return Reply(400, {"error": "expired_token"})
            return self.token_replies.pop(0)
        if path == "/userinfo":
            return self.userinfo_reply
        return Reply(404, {"error": "not_found"})


def pending() -> Reply:
    return Reply(428, {"error": "authorization_pending", "error_description": "Precondition"})


def slow_down() -> Reply:
    return Reply(403, {"error": "slow_down", "error_description": "Forbidden"})


def granted(claims: dict[str, Any] | None) -> Reply:
    body: dict[str, Any] = {
        "access_token": "ya29.fake-access",
        "expires_in": 3599,
        "refresh_token": "1//fake-refresh",
        "scope": "openid email profile",
        "token_type": "Bearer",
    }
    if claims is not None:
        body["id_token"] = fake_id_token(claims)
    return Reply(200, body)
