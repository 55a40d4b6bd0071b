"""A small app hosting the admin screens for Pilot tests and snapshots: a real SQLite store, the
real admin services and role check, a signed-in admin, and the app's real stylesheets."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App

from interviewai_tui.admin.sampler import MetricsSampler
from interviewai_tui.admin.system import ServerReading
from interviewai_tui.admin.wiring import AdminServices, build_admin
from interviewai_tui.ai.records import CallRecord, CallRecorder
from interviewai_tui.auth.service import AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.config import Settings
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.users import PublicUser, User
from interviewai_tui.paths import styles_dir
from interviewai_tui.secrets import SecretStore
from interviewai_tui.store import Store, open_store

from .conftest import NOW
from .workload import FixedProbe


@dataclass
class Services:
    admin: AdminServices


class AdminHostApp(App[None]):
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "admin.tcss"]

    def __init__(self) -> None:
        super().__init__()
        self.user: PublicUser | None = None
        self._services: Services | None = None
        self.store: Store | None = None
        self.clock = FrozenClock(NOW)
        self.admin_user: User | None = None

    async def services(self) -> Services:
        assert self._services is not None
        return self._services

    async def open_own(self, tmp_path: Path) -> AdminServices:
        """Open a store on this app's own loop (snapshot tests run the app in a fresh loop)."""
        store = open_store(f"sqlite:///{tmp_path / 'admin-ui.db'}", clock=self.clock)
        self.store = await store.__aenter__()
        auth = AuthService(
            self.store, SecretStore(file_path=tmp_path / "s.json", env={}), self.clock
        )
        settings = Settings(data_dir=tmp_path, config_file=tmp_path / "none.toml")
        admin = build_admin(store=self.store, settings=settings, clock=self.clock, gate=auth)
        self.admin_user = await self.store.users.create(
            user=User(
                email="root@example.com",
                name="Root Admin",
                role=Role.ADMIN,
                created_at=NOW - timedelta(days=40),
                updated_at=NOW,
            )
        )
        self.user = self.admin_user.public()
        self._services = Services(admin)
        return admin

    async def on_unmount(self) -> None:
        if self.store is not None:
            await self.store.__aexit__(None, None, None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False  # deterministic snapshots


async def seed_users(store: Store) -> list[User]:
    people = [
        ("Ada Lovelace", "ada@example.com", Role.USER, UserStatus.ACTIVE),
        ("Bea Blocked", "bea@example.com", Role.USER, UserStatus.BLOCKED),
        ("Cy Pending", "cy@example.com", Role.USER, UserStatus.PENDING),
        ("Dee [bold]Markup[/]", "dee@example.com", Role.USER, UserStatus.ACTIVE),
        ("Eve Second-Admin", "eve@example.com", Role.ADMIN, UserStatus.ACTIVE),
    ]
    made = []
    for n, (name, email, role, status) in enumerate(people):
        at = NOW - timedelta(days=30 - n)
        user = User(email=email, name=name, role=role, status=status, created_at=at, updated_at=at)
        made.append(await store.users.create(user=user))
    return made


PROVIDERS = (("openai", "gpt-4o-mini", 420.0), ("ollama", "llama3.2", 900.0))


async def seed_metrics(store: Store, clock: FrozenClock, *, hours: int = 24) -> None:
    """A day of per-10-minute samples with smooth, known curves, and one CPU alert."""
    recorder = CallRecorder()
    probe = FixedProbe()
    start = NOW - timedelta(hours=hours)
    steps = hours * 6
    for i in range(steps + 1):
        clock.set(start + timedelta(minutes=10 * i))
        wave = math.sin(i / 6)
        probe.reading = ServerReading(
            cpu_percent=95.0 if i == steps else round(40 + 30 * wave, 1),  # one CPU alert
            memory_percent=round(55 + 10 * math.cos(i / 9), 1),
            disk_percent=62.0,
        )
        for provider, model, ms in PROVIDERS:
            for call in range(3):  # now and then one of three fails: degraded, not offline
                failed = call == 0 and (i + len(provider)) % 7 == 0
                recorder.record(
                    CallRecord(
                        provider=provider,
                        model=model,
                        outcome="timeout" if failed else "ok",
                        latency_ms=ms + 50 * wave,
                        at=clock.now(),
                        cost=Decimal("0.0031") if provider == "openai" else Decimal(0),
                    )
                )
        sampler = MetricsSampler(
            store, clock=clock, probe=probe, ai_recorder=recorder, interval_seconds=600
        )
        await sampler.sample()
    clock.set(NOW)


def visible(app: App[Any]) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
