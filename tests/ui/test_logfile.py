"""Unexpected failures go to a file in the state dir, never over the screen."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from interviewai_tui.logs import LOGGER, configure_error_log
from interviewai_tui.ui.failures import report_failure


@pytest.fixture
def clean_logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger(LOGGER)
    saved = list(logger.handlers), logger.propagate
    yield logger
    for handler in logger.handlers:
        if handler not in saved[0]:
            handler.close()
    logger.handlers[:], logger.propagate = saved


def test_failure_details_are_written_to_the_log_file(
    tmp_path: Path, clean_logger: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    path = configure_error_log(tmp_path / "state")
    assert path == tmp_path / "state" / "interviewai.log"
    assert configure_error_log(tmp_path / "state") == path  # idempotent: one handler

    class FakeApp:
        shown: list[str] = []

        def notify(self, message: str, **_: object) -> None:
            self.shown.append(message)

    try:
        raise KeyError("secret detail [/]")
    except KeyError as error:
        line = report_failure(FakeApp(), error)  # type: ignore[arg-type]
    assert line == "Something went wrong (KeyError); the details are in the log."
    for handler in clean_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "Traceback" in text and "secret detail [/]" in text
    assert "secret detail" not in capsys.readouterr().err


def test_unwritable_folder_drops_the_log_quietly(
    tmp_path: Path, clean_logger: logging.Logger
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert configure_error_log(blocker / "state") is None
