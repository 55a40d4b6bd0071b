"""The commands as a user runs them: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import asyncio
import io
import zipfile
from pathlib import Path

import pytest

from interviewai_tui.ops.progress import TerminalProgress
from interviewai_tui.store import open_store
from tests.ops.cli_entry import main
from tests.ops.dataset import build, fill


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("INTERVIEWAI_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("INTERVIEWAI_DATABASE_URL", raising=False)
    return data


def seed_default_store(data: Path) -> None:
    async def go() -> None:
        data.mkdir(parents=True, exist_ok=True)
        async with open_store(f"sqlite:///{data / 'interviewai.db'}") as store:
            await fill(store, build())

    asyncio.run(go())


def test_backup_verify_restore_from_the_command_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "nightly.zip"
    assert main(["backup", str(file)]) == 1
    assert "There is no database" in capsys.readouterr().err

    seed_default_store(home)
    assert main(["backup", str(file)]) == 0
    out = capsys.readouterr()
    assert "Backed up" in out.out and "interviews 12" in out.out
    assert "interviews (12)…" in out.err  # plain progress lines when not on a terminal

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert main(["backup", "verify", str(file), "--scratch", str(scratch)]) == 0
    assert list(scratch.iterdir()) == []  # the scratch store is removed afterwards
    out = capsys.readouterr().out
    assert "Backup verified" in out and out.count(" ok") == 8

    # Restore into another, empty data folder; a second time is refused without --force.
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "restore", str(file), "--quiet"]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["--data-dir", str(other), "restore", str(file)]) == 1
    err = capsys.readouterr().err
    assert "not empty" in err and "Nothing was restored." in err and err.count("\n") == 1
    assert main(["--data-dir", str(other), "restore", str(file), "--force", "--quiet"]) == 0

    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(file.read_bytes()[:-200])
    assert main(["backup", "verify", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "NOT usable" in err and "Traceback" not in err
    assert main(["--data-dir", str(tmp_path / "x"), "restore", str(damaged)]) == 1
    assert "truncated or damaged" in capsys.readouterr().err

    async def counts() -> set[int]:
        async with open_store(f"sqlite:///{tmp_path / 'x' / 'interviewai.db'}") as store:
            return set((await store.counts()).values())

    assert asyncio.run(counts()) == {0}


def test_archive_dry_run_and_usage_errors(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed_default_store(home)
    assert main(["archive", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Would move ") and "completed interviews" in out
    assert not (home / "interviewai-archive.db").exists()  # a dry run creates nothing
    assert main(["archive", "--batch-size", "0"]) == 2
    assert main(["backup", "verify"]) == 2


def test_backup_file_members(home: Path, tmp_path: Path) -> None:
    seed_default_store(home)
    file = tmp_path / "b.zip"
    assert main(["backup", str(file), "--quiet"]) == 0
    with zipfile.ZipFile(file) as archive:
        names = sorted(archive.namelist())
    assert names[-1] == "manifest.json"
    assert "collections/users.jsonl.gz" in names and len(names) == 9
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_terminal_progress_draws_a_bar_on_a_tty() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream, tty=True)
    progress.start("interviews", 200)
    progress.advance(100)
    progress.finish()
    text = stream.getvalue()
    assert "\r" in text and "█" * 15 + "░" * 15 + "  50% 100/200" in text
    assert text.endswith("\n")
