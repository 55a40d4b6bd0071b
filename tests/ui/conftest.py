from __future__ import annotations

import pytest

from interviewai_tui.ui import failures
from interviewai_tui.ui.app import InterviewAIApp

from .fakes import FakeAuth, FakeContainer


@pytest.fixture(autouse=True)
def _fake_errors_are_user_facing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        failures, "USER_FACING", [*failures.USER_FACING, (__package__ + ".fakes", "FakeAuthError")]
    )


@pytest.fixture(autouse=True)
def _no_color_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def auth() -> FakeAuth:
    return FakeAuth()


@pytest.fixture
def container(auth: FakeAuth) -> FakeContainer:
    return FakeContainer(auth=auth)


@pytest.fixture
def app(container: FakeContainer) -> InterviewAIApp:
    return InterviewAIApp(container, cursor_blink=False)  # type: ignore[arg-type]
