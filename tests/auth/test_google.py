from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from interviewai_tui.auth.google import (
    GRANT_TYPE,
    DeviceCode,
    GoogleDeviceFlow,
    GoogleEndpoints,
    GoogleSignInError,
)
from interviewai_tui.clock import FrozenClock

from .fake_google import FakeGoogle, Reply, granted, pending, slow_down

CLIENT_ID = "123-abc.apps.googleusercontent.com"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def claims(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": "123456789012345678901",
        "email": "Jane.Doe@Example.com",
        "email_verified": True,
        "name": "Jane Doe",
        "picture": "https://lh3.googleusercontent.com/a/pic",
        "exp": int(NOW.timestamp()) + 3600,
    }
    base.update(over)
    return base


class FakeTime:
    """Records the waits the client asks for, and moves a fake monotonic clock by them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


def flow(fake: FakeGoogle, fake_time: FakeTime, secret: str | None = "shh") -> GoogleDeviceFlow:
    return GoogleDeviceFlow(
        CLIENT_ID,
        secret,
        endpoints=fake.endpoints,
        clock=FrozenClock(NOW),
        sleep=fake_time.sleep,
        monotonic=fake_time.monotonic,
    )


async def test_full_flow_pending_slow_down_then_granted():
    fake_time = FakeTime()
    async with FakeGoogle(
        token_replies=[pending(), slow_down(), pending(), granted(claims())]
    ) as g:
        client = flow(g, fake_time)
        device = await client.start()
        assert device.user_code == "ABCD-EFGH"
        assert device.verification_url == "https://www.google.com/device"
        identity = await client.wait_for_identity(device)
    assert identity.sub == "123456789012345678901"
    assert identity.email == "jane.doe@example.com"
    assert identity.email_verified is True
    assert identity.picture == "https://lh3.googleusercontent.com/a/pic"
    # interval honoured, and slow_down adds 5 s for every later poll
    assert fake_time.sleeps == [1, 1, 6, 6]
    device_form = g.requests[0][3]
    assert device_form == {"client_id": [CLIENT_ID], "scope": ["openid email profile"]}
    for form in g.token_requests():
        assert form == {
            "client_id": [CLIENT_ID],
            "client_secret": ["shh"],
            "device_code": ["dev-code-1"],
            "grant_type": [GRANT_TYPE],
        }


async def test_verification_uri_spelling_is_accepted_too():
    reply = Reply(200, {"device_code": "d", "user_code": "X", "verification_uri": "https://u"})
    async with FakeGoogle(device_reply=reply) as g:
        device = await flow(g, FakeTime()).start()
    assert device.verification_url == "https://u" and device.interval == 5


async def test_userinfo_used_when_no_id_token():
    info = {"sub": "42", "email": "a@b.co", "email_verified": False, "name": "A"}
    async with FakeGoogle(token_replies=[granted(None)], userinfo_reply=Reply(200, info)) as g:
        client = flow(g, FakeTime())
        identity = await client.wait_for_identity(await client.start())
        auth_header = g.requests[-1][2]["authorization"]
    assert identity.sub == "42" and identity.email_verified is False
    assert auth_header == "Bearer ya29.fake-access"


@pytest.mark.parametrize(
    ("reply", "kind", "text"),
    [
        (Reply(403, {"error": "access_denied"}), "denied", "declined"),
        (Reply(400, {"error": "expired_token"}), "expired", "expired"),
        (Reply(401, {"error": "invalid_client"}), "failed", "TVs and Limited Input devices"),
        (Reply(400, {"error": "invalid_grant"}), "failed", "(invalid_grant)"),
        (granted(claims(aud="someone-else")), "failed", "not issued for this app"),
        (granted(claims(iss="https://evil.example")), "failed", "not issued for this app"),
        (granted(claims(exp=int(NOW.timestamp()) - 1)), "failed", "expired"),
        (granted(claims(sub="")), "failed", "did not share"),
    ],
)
async def test_flow_endings(reply: Reply, kind: str, text: str):
    async with FakeGoogle(token_replies=[pending(), reply]) as g:
        client = flow(g, FakeTime())
        with pytest.raises(GoogleSignInError) as info:
            await client.wait_for_identity(await client.start())
    assert info.value.kind == kind and text in info.value.message
    assert "\n" not in info.value.message


async def test_bare_429_backs_off_with_retry_after():
    fake_time = FakeTime()
    replies = [Reply(429, {}, {"Retry-After": "7"}), granted(claims())]
    async with FakeGoogle(token_replies=replies) as g:
        client = flow(g, fake_time)
        await client.wait_for_identity(await client.start())
    assert fake_time.sleeps == [1, 7]


async def test_code_expires_locally_when_google_keeps_saying_pending():
    fake_time = FakeTime()
    device = DeviceCode("d", "U", "https://u", expires_in=3, interval=1)
    async with FakeGoogle(token_replies=[pending()] * 10) as g:
        with pytest.raises(GoogleSignInError) as info:
            await flow(g, fake_time).wait_for_identity(device)
    assert info.value.kind == "expired"
    assert len(g.token_requests()) == 3


async def test_quota_exceeded_at_device_code():
    reply = Reply(403, {"error_code": "rate_limit_exceeded"})
    async with FakeGoogle(device_reply=reply) as g:
        with pytest.raises(GoogleSignInError, match="quota"):
            await flow(g, FakeTime()).start()


async def test_not_configured_explains_how():
    client = GoogleDeviceFlow(None, None)
    assert not client.configured
    with pytest.raises(GoogleSignInError) as info:
        await client.start()
    assert info.value.kind == "not_configured"
    assert "INTERVIEWAI_GOOGLE_CLIENT_ID" in info.value.message
    assert "INTERVIEWAI_GOOGLE_CLIENT_SECRET" in info.value.message


async def test_unreachable_server_is_one_sentence():
    endpoints = GoogleEndpoints("http://127.0.0.1:9/device/code", "http://127.0.0.1:9/t", "")
    client = GoogleDeviceFlow(CLIENT_ID, "s", endpoints=endpoints, timeout=2)
    with pytest.raises(GoogleSignInError, match=r"^Could not reach Google \(\w+\)\.$"):
        await client.start()
