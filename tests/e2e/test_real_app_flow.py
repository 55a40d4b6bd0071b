"""The real app on the real container: SQLite in tmp_path, the real services (bcrypt at its
minimum cost), the offline coach, the real judge, a dictionary keyring. Only the keyboard is
used, as a candidate would.

1. Register the first account (an administrator) → new interview with one Python coding
   question → the bank's reference solution typed in → tests run → submit → finish → results
   with a score → back home, where the stats count the interview.
2. An interview left by the app's hang-up path is offered on the home screen of the next
   start, with the answer typed just before.
3. The real program under a pseudo-terminal: the window is closed (SIGHUP) within the autosave
   delay of a keystroke; the program saves the answer and ends instead of hanging.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import SelectionList, TextArea

from interviewai_tui.domain.common import InterviewStatus, QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.home import HomeScreen
from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
from interviewai_tui.ui.screens.interview_setup import InterviewSetupScreen
from interviewai_tui.ui.screens.results import ResultsScreen
from tests.auth.fake_keyrings import DictKeyring
from tests.ui.helpers import fill, settle, toasts
from tests.ui.real_container import FastContainer, dict_keyring_installed
from tests.ui.screen_text import screen_text

PASSWORD = "Quartz-Lamp42"
EMAIL = "grace@example.com"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[DictKeyring]:
    """No config, provider key or colour setting of the machine leaks in; a working keyring."""
    for name in list(os.environ):
        if name.startswith("INTERVIEWAI_") or name.endswith("_API_KEY") or name == "NO_COLOR":
            monkeypatch.delenv(name)
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("INTERVIEWAI_CONFIG_FILE", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    with dict_keyring_installed() as backend:
        yield backend


def make_app(tmp_path: Path) -> InterviewAIApp:
    container = FastContainer(overrides={"data_dir": tmp_path / "data", "ai_provider": "offline"})
    return InterviewAIApp(container, cursor_blink=False)


async def wait_for(pilot: Any, screen_type: type, limit: float = 15.0) -> None:
    """Let workers run until ``screen_type`` is on top (grading may take a moment)."""
    waited = 0.0
    while not isinstance(pilot.app.screen, screen_type) and waited < limit:
        await settle(pilot, limit=1)
        await pilot.pause(0.05)
        waited += 0.1
    assert isinstance(pilot.app.screen, screen_type), screen_text(pilot.app)


async def register(pilot: Any) -> None:
    await settle(pilot, limit=10)
    await pilot.press("ctrl+n")
    await pilot.pause()
    await fill(pilot, "#name", "Grace [b]Hopper[/b]")
    await fill(pilot, "#email", EMAIL)
    await fill(pilot, "#password", PASSWORD)
    await fill(pilot, "#confirm", PASSWORD)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)


async def start_python_coding_interview(pilot: Any, app: InterviewAIApp) -> None:
    await pilot.press("n")
    await wait_for(pilot, InterviewSetupScreen)
    await settle(pilot, limit=5)  # the stack list and the provider are loaded in a worker
    await fill(pilot, "#role", "Backend Developer")
    app.screen.query_one("#stack", SelectionList).select("Python")
    await pilot.pause()
    assert "Picked: Python" in screen_text(app)  # said in words, not only by a tick's colour
    await fill(pilot, "#count", "1")
    await fill(pilot, "#mix-coding", "1")
    await pilot.press("ctrl+s")
    await wait_for(pilot, InterviewSessionScreen)
    await settle(pilot, limit=5)


def stat(text: str, label: str) -> str:
    found = re.search(rf"{label}\s+(\S+)", text)
    assert found is not None, text
    return found.group(1)


async def test_register_interview_results_and_home_stats(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await register(pilot)
        home = screen_text(app)
        assert "Welcome, Grace [b]Hopper[/b]" in home  # shown as typed, never as markup
        assert "administrator" in home  # the first account of the embedded store
        assert stat(home, "Interviews taken") == "0"

        await start_python_coding_interview(pilot, app)
        session = app.screen
        assert isinstance(session, InterviewSessionScreen) and session.running is not None
        (question,) = session.running.session.questions
        assert question.type is QuestionType.CODING and question.language == "python"
        assert "coding · python" in screen_text(app)
        services = await app.services()
        assert question.question_id is not None
        stored = await services.store.questions.get(question_id=question.question_id)
        assert stored is not None and stored.sample_code

        editor = app.screen.query_one("#answer", TextArea)
        editor.focus()
        editor.insert(stored.sample_code)  # as a paste would
        await pilot.pause()
        await pilot.press("ctrl+t")
        await settle(pilot, limit=10)
        report = str(app.screen.query_one("#test-results").render())
        passed = re.search(r"(\d+)/(\d+) tests passed", report)
        assert passed is not None and passed.group(1) == passed.group(2) != "0", report

        await pilot.press("f2")
        await settle(pilot, limit=10)
        assert any("press F9 to finish" in t for t in toasts(app))
        await pilot.press("f9")
        await pilot.pause()
        assert "y: Finish" in screen_text(app)  # the dialog says which key confirms
        await pilot.press("y")
        await wait_for(pilot, ResultsScreen)
        await settle(pilot, limit=10)
        results = screen_text(app)
        score = re.search(r"Total score (\d+)/100", results)
        assert score is not None, results
        assert int(score.group(1)) > 0
        assert "Evaluated by offline" in results

        stored_interview = await services.interviews.get(session.running.interview.id)
        assert stored_interview.status is InterviewStatus.COMPLETED
        judged = stored_interview.questions[0].judge
        assert judged is not None and judged.total and judged.passed == judged.total

        await pilot.press("c")  # discuss the question: the chat opens, seeded with it
        await settle(pilot, limit=5)
        assert type(app.screen).__name__ == "ChatScreen", screen_text(app)
        await app.pop_screen()
        await wait_for(pilot, ResultsScreen)

        await pilot.press("escape")  # after a live interview, Back is home, not the form
        await wait_for(pilot, HomeScreen)
        await settle(pilot, limit=5)
        home = screen_text(app)
        assert stat(home, "Interviews taken") == "1"
        assert stat(home, "Completed") == "1"
        assert stat(home, "Average score") == score.group(1)
        assert "Resume:" not in home  # nothing is left unfinished


async def test_an_interview_cut_off_by_a_hang_up_is_offered_on_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await register(pilot)
        await start_python_coding_interview(pilot, app)
        editor = app.screen.query_one("#answer", TextArea)
        editor.focus()
        editor.insert("import sys  # typed a moment before the terminal closed")
        await pilot.pause()
        # SIGTERM takes the same path as a closed terminal, minus the hard exit at the end:
        # what is typed is saved before the app ends, without waiting for the autosave.
        app.hang_up(signal.SIGTERM)
        await pilot.pause(0.5)
    assert app.return_code == 0

    again = make_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, limit=10)
        await fill(pilot, "#email", EMAIL)
        await fill(pilot, "#password", PASSWORD)
        await pilot.press("enter")
        await wait_for(pilot, HomeScreen)
        await settle(pilot, limit=5)
        home = screen_text(again)
        assert "Resume: Backend Developer" in home
        assert "0 of 1 answered" in home
        await pilot.press("enter")  # the unfinished interview is the highlighted entry
        await wait_for(pilot, InterviewSessionScreen)
        await settle(pilot, limit=5)
        text = again.screen.query_one("#answer", TextArea).text
        assert text == "import sys  # typed a moment before the terminal closed"


async def test_a_taken_email_puts_the_cursor_back_on_the_email(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await register(pilot)
        await pilot.press("o")  # sign out
        await settle(pilot, limit=5)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "#name", "Someone Else")
        await fill(pilot, "#email", EMAIL.upper())
        await fill(pilot, "#password", PASSWORD)
        await fill(pilot, "#confirm", PASSWORD)
        await pilot.press("enter")
        await settle(pilot, limit=10)
        assert "already exists" in screen_text(app)
        assert app.focused is not None and app.focused.id == "email"


# --- the real program under a pseudo-terminal ---------------------------------------------------


class Terminal:
    """A pseudo-terminal running ``interviewai``: keys in, screen bytes collected."""

    def __init__(self, tmp_path: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "TERM": "xterm-256color",
            "INTERVIEWAI_DATA_DIR": str(tmp_path / "data"),
            "INTERVIEWAI_CONFIG_FILE": str(tmp_path / "config.toml"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        self.output = bytearray()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "interviewai_tui"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=tmp_path,
            start_new_session=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except OSError:
            pass

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert self.process.poll() is None, f"the app ended with {self.process.returncode}"
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            time.sleep(0.05)

    def keys(self, data: str) -> None:
        os.write(self.master, data.encode())
        time.sleep(0.3)  # focus moves after the key is handled: keys typed ahead would be lost

    def hang_up(self) -> None:
        """What closing the terminal window does: the master side goes, SIGHUP arrives."""
        os.close(self.master)
        self.process.send_signal(signal.SIGHUP)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


async def seed_interview(tmp_path: Path) -> str:
    """An account and a started interview, as a previous run of the program left them."""
    async with FastContainer(overrides={"data_dir": tmp_path / "data"}) as container:
        user = await container.auth.register(email=EMAIL, name="Grace", password=PASSWORD)
        setup = InterviewSetup(title="Night shift", question_count=1)
        interview = await container.interviews.create(user.id, setup)
        running = container.interviews.run(interview)
        await running.session.start()
        await running.session.flush()
        await running.session.stop_ticker()
        return interview.id


async def test_closing_the_terminal_keeps_what_was_just_typed(tmp_path: Path) -> None:
    interview_id = await seed_interview(tmp_path)
    terminal = Terminal(tmp_path)
    try:
        terminal.wait_for("Sign in to InterviewAI")
        terminal.keys(EMAIL + "\r")
        terminal.keys(PASSWORD + "\r")
        terminal.wait_for("Resume interview")  # the home screen offers the interview
        terminal.keys("\x12")  # Ctrl+R
        terminal.wait_for("this question")
        terminal.keys("kept although the window closed")
        # Well inside the autosave delay (2 s): only the hang-up handler can save this.
        terminal.hang_up()
        code = await asyncio.to_thread(terminal.process.wait, 10)
    finally:
        terminal.kill()
    async with FastContainer(overrides={"data_dir": tmp_path / "data"}) as container:
        stored = await container.interviews.get(interview_id)
    assert stored.status is InterviewStatus.IN_PROGRESS
    (question,) = stored.questions
    assert "kept although the window closed" in (question.answer, question.code_answer)
    assert code == 128 + signal.SIGHUP  # and it did end: shutting down never waits on the tty
