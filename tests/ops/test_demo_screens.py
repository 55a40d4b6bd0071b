"""Demo mode in the real app at 80x24: every area a candidate or an admin can open shows the
demo's content (what a workshop audience sees first)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from interviewai_tui.demo import demo_environment, seed_demo
from interviewai_tui.store import open_store

# Text each area must show with the demo data (areas not listed must simply open cleanly).
EXPECTED = {
    "candidate": {
        "history": "Backend Developer",
        "chat": "Closures in Python",
        "profile": "Casey Candidate",
    },
    "admin": {
        "admin": "CPU usage 93.5%",
        "admin_users": "Noor Haddad",
        "profile": "Ada Admin",
    },
}


@pytest.fixture
async def demo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in demo_environment(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("INTERVIEWAI_DATABASE_URL", raising=False)
    async with open_store(f"sqlite:///{tmp_path / 'data' / 'interviewai.db'}") as store:
        await seed_demo(store)
    return tmp_path


def screen_text(app: object) -> str:
    """The visible text of the screen (the screenshot's SVG without its markup)."""
    svg = str(app.export_screenshot())  # type: ignore[attr-defined]
    body = svg[svg.find("<g class=") :]
    fragments = re.findall(r">([^<]*)</text>", body)
    return html.unescape("".join(fragments)).replace("\xa0", " ")


@pytest.mark.parametrize("role", ["candidate", "admin"])
async def test_every_area_opens_with_demo_content(demo_home: Path, role: str) -> None:
    from interviewai_tui.container import Container
    from interviewai_tui.demo import load_dataset
    from interviewai_tui.ops.demo_data import ANCHOR
    from interviewai_tui.ui import nav
    from interviewai_tui.ui.app import InterviewAIApp

    credentials, _ = load_dataset(now=ANCHOR)
    who = next(c for c in credentials if c.role == role)
    app = InterviewAIApp(Container(), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        services = await app.services()
        result = await services.auth.login(email=who.email, password=who.password)
        assert result.user is not None
        app.signed_in(result.user)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert who.name.split()[0] in screen_text(app)
        areas = nav.available(is_admin=role == "admin")
        assert len(areas) >= 4
        for area in areas:
            app.action_go(area.key)
            for _ in range(3):
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
            text = screen_text(app)
            assert "Something went wrong" not in text, area.key
            if area.key in EXPECTED[role]:
                assert EXPECTED[role][area.key] in text, f"{area.key} shows no demo content"
            await app.action_home()
            await pilot.pause()
