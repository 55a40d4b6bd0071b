"""A small app hosting the chat screen for Pilot and snapshot tests: a real SQLite store, the
real chat service, a router whose providers talk to a loopback fake server, a signed-in user
and the app's real stylesheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import App

from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import User
from interviewai_tui.paths import styles_dir
from interviewai_tui.store import Store, open_store
from tests.ai.fakeserver import FakeServer

from .helpers import Ticker, make_router


class Services:
    def __init__(self, chat: ChatService) -> None:
        self._chat = chat

    async def chat(self) -> ChatService:
        return self._chat


class ChatHost(App[None]):
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "chat.tcss"]

    def __init__(self) -> None:
        super().__init__()
        self.user: Any = None
        self._services: Services | None = None
        self.store: Store | None = None
        self.fake: FakeServer | None = None
        self.pool: HttpPool | None = None
        self.opened_urls: list[str] = []

    async def services(self) -> Services:
        assert self._services is not None
        return self._services

    async def open_own(
        self, tmp_path: Path, clock: FrozenClock, *, default: str = "openai"
    ) -> ChatService:
        """Store, fake server, router and service on this app's loop (snapshot tests run the
        app in a loop of its own)."""
        self.store = await open_store(f"sqlite:///{tmp_path / 'ui.db'}", clock=clock).__aenter__()
        self.fake = await FakeServer().start()
        self.pool = HttpPool(trust_env=False)
        router = make_router(self.fake, self.pool, clock=clock, default=default)
        service = ChatService(store=self.store, router=router, clock=clock, timer=Ticker())
        account = await self.store.users.create(user=User(email="ann@example.com", name="Ann"))
        self.user = account.public()
        self._services = Services(service)
        return service

    async def on_unmount(self) -> None:
        if self.pool is not None:
            await self.pool.aclose()
        if self.fake is not None:
            await self.fake.close()
        if self.store is not None:
            await self.store.__aexit__(None, None, None)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened_urls.append(url)  # never a real browser in tests

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # deterministic snapshots
