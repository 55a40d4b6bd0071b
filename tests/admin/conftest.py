"""Admin service fixtures: a real SQLite store (or mongomock), a frozen clock, the real
account service as the role gate, and one admin plus one candidate."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interviewai_tui.admin.audit import Auditor
from interviewai_tui.admin.questions import QuestionAdmin
from interviewai_tui.admin.users import UserAdmin
from interviewai_tui.auth.service import AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.users import User
from interviewai_tui.secrets import SecretStore
from interviewai_tui.store import Store, open_store

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'admin.db'}", clock=clock) as opened:
        yield opened


def make_user(
    n: int, *, name: str | None = None, email: str | None = None, role: Role = Role.USER
) -> User:
    return User(
        email=email or f"user{n}@example.com",
        name=name or f"User {n}",
        role=role,
        status=UserStatus.ACTIVE,
        created_at=NOW,
        updated_at=NOW,
    )


@dataclass
class World:
    store: Store
    clock: FrozenClock
    auth: AuthService
    auditor: Auditor
    users: UserAdmin
    questions: QuestionAdmin
    admin: User
    candidate: User


async def build_world(store: Store, clock: FrozenClock, tmp_path: Path) -> World:
    # The real role check (AuthService.require_admin); the secret store is never touched.
    auth = AuthService(store, SecretStore(file_path=tmp_path / "secrets.json", env={}), clock)
    auditor = Auditor(store, clock, auth)
    admin = await store.users.create(
        user=make_user(0, name="Root Admin", email="root@example.com", role=Role.ADMIN)
    )
    candidate = await store.users.create(
        user=make_user(1, name="Cara Candidate", email="cara@example.com")
    )
    return World(
        store,
        clock,
        auth,
        auditor,
        UserAdmin(store, auditor),
        QuestionAdmin(store, auditor),
        admin,
        candidate,
    )


@pytest.fixture
async def world(store: Store, clock: FrozenClock, tmp_path: Path) -> World:
    return await build_world(store, clock, tmp_path)
