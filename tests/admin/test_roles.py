"""Every admin operation checks the role in the service: candidates, blocked or demoted admins
and unknown ids are refused with PermissionDenied, and nothing is changed or audited."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from interviewai_tui.admin.dashboard import Dashboard
from interviewai_tui.admin.questions import QuestionFilter
from interviewai_tui.auth.errors import PermissionDenied
from interviewai_tui.domain.common import Role, UserStatus

from .conftest import World, make_user
from .test_questions import VALID

Operation = Callable[[World, str, Path], Awaitable[Any]]

OPERATIONS: dict[str, Operation] = {
    "users.search": lambda w, a, p: w.users.search(a, text="cara"),
    "users.profile": lambda w, a, p: w.users.profile(a, w.candidate.id),
    "users.block": lambda w, a, p: w.users.block(a, w.candidate.id),
    "users.unblock": lambda w, a, p: w.users.unblock(a, w.candidate.id),
    "users.set_status": lambda w, a, p: w.users.set_status(a, w.candidate.id, UserStatus.PENDING),
    "users.set_role": lambda w, a, p: w.users.set_role(a, w.candidate.id, Role.ADMIN),
    "users.unlock": lambda w, a, p: w.users.unlock(a, w.candidate.id),
    "users.reset_two_factor": lambda w, a, p: w.users.reset_two_factor(a, w.candidate.id),
    "audit.trail": lambda w, a, p: w.auditor.trail(a),
    "users.trail": lambda w, a, p: w.users.trail(a, target_id=w.candidate.id),
    "questions.search": lambda w, a, p: w.questions.search(a, QuestionFilter()),
    "questions.get": lambda w, a, p: w.questions.get(a, "0" * 24),
    "questions.create": lambda w, a, p: w.questions.create(a, VALID),
    "questions.update": lambda w, a, p: w.questions.update(a, "0" * 24, VALID),
    "questions.set_active": lambda w, a, p: w.questions.set_active(a, "0" * 24, False),
    "questions.import_file": lambda w, a, p: w.questions.import_file(a, p / "bank.json"),
    "questions.export_file": lambda w, a, p: w.questions.export_file(a, p / "out.json"),
    "questions.facets": lambda w, a, p: w.questions.facets(a),
    "dashboard.refresh": lambda w, a, p: Dashboard(w.store, w.auditor).refresh(a),
    "dashboard.resolve_alert": lambda w, a, p: Dashboard(w.store, w.auditor).resolve_alert(
        a, "0" * 24
    ),
}


async def outsiders(world: World) -> dict[str, str]:
    blocked = make_user(7, role=Role.ADMIN)
    blocked.status = UserStatus.BLOCKED
    pending = make_user(8, role=Role.ADMIN)
    pending.status = UserStatus.PENDING
    return {
        "candidate": world.candidate.id,
        "blocked admin": (await world.store.users.create(user=blocked)).id,
        "pending admin": (await world.store.users.create(user=pending)).id,
        "unknown id": "a" * 24,
        "not an id": "root@example.com",
    }


@pytest.mark.parametrize("name", sorted(OPERATIONS))
async def test_non_admins_are_refused(world: World, tmp_path: Path, name: str) -> None:
    (tmp_path / "bank.json").write_text(json.dumps([VALID]))
    before = await world.store.counts()
    candidate_before = await world.store.users.get(user_id=world.candidate.id)
    for who, actor in (await outsiders(world)).items():
        with pytest.raises(PermissionDenied):
            await OPERATIONS[name](world, actor, tmp_path)
        assert who  # (the loop names the case in a failing traceback)
    after = await world.store.counts()
    assert after["auditLog"] == 0 and after["questions"] == before["questions"]
    assert await world.store.users.get(user_id=world.candidate.id) == candidate_before
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("name", sorted(OPERATIONS))
async def test_the_admin_is_let_through(world: World, tmp_path: Path, name: str) -> None:
    (tmp_path / "bank.json").write_text(json.dumps([{**VALID, "question": "Another one?"}]))
    try:
        await OPERATIONS[name](world, world.admin.id, tmp_path)
    except PermissionDenied:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"{name} refused an active admin")
    except Exception as error:  # e.g. "this question no longer exists": past the gate
        assert type(error).__name__ == "AdminError"


async def test_a_demoted_admin_loses_access_at_once(world: World) -> None:
    second = await world.store.users.create(user=make_user(9, role=Role.ADMIN))
    assert (await world.users.search(second.id)).total == 3
    await world.users.set_role(world.admin.id, second.id, Role.USER)
    with pytest.raises(PermissionDenied):
        await world.users.search(second.id)


def test_every_public_operation_is_covered() -> None:
    from interviewai_tui.admin.questions import QuestionAdmin
    from interviewai_tui.admin.users import UserAdmin

    for cls, prefix in ((UserAdmin, "users"), (QuestionAdmin, "questions")):
        public = {
            name for name in vars(cls) if not name.startswith("_") and callable(getattr(cls, name))
        }
        public -= {"validate", "is_locked", "clock"}  # pure helpers that read nothing
        assert {f"{prefix}.{name}" for name in public} <= OPERATIONS.keys()
