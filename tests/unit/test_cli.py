"""The command line: usage errors, version, settings errors, doctor — as real subprocesses."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewai_tui import __version__


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEWAI_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "interviewai_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "config.toml").write_text("# empty\n")
    return {
        "INTERVIEWAI_DATA_DIR": str(tmp_path / "data"),
        "INTERVIEWAI_CONFIG_FILE": str(tmp_path / "config.toml"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


@pytest.mark.parametrize("args", [("frobnicate",), ("--no-such-flag",), ("doctor", "--nope")])
def test_unknown_command_or_flag_prints_usage_and_exits_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage: interviewai" in result.stderr


def test_invalid_setting_is_one_line_and_exit_2(home: dict[str, str]) -> None:
    result = run_cli("doctor", env={**home, "INTERVIEWAI_BCRYPT_COST": "4"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "INTERVIEWAI_BCRYPT_COST" in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_url_scheme(home: dict[str, str]) -> None:
    result = run_cli("doctor", "--database-url", "postgres://u:pw@h/db", env=home)
    assert result.returncode == 2
    assert "unknown URL scheme 'postgres'" in result.stderr
    assert "pw" not in result.stderr.replace("postgres", "")


def test_doctor_on_a_fresh_embedded_store(home: dict[str, str]) -> None:
    result = run_cli("doctor", env=home)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"interviewai {__version__}" in out
    assert home["INTERVIEWAI_DATA_DIR"] in out
    assert "reachable" in out
    assert "questions" in out
    assert "keyring" in out
    assert "offline: always available" in out


def test_doctor_masks_the_database_password(home: dict[str, str]) -> None:
    start = time.monotonic()
    result = run_cli(
        "doctor",
        "--database-url",
        "mongodb://admin:hunter2secret@127.0.0.1:1/iai",
        env={**home, "OPENAI_API_KEY": "sk-test-abcdefghijklmnop1234"},
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 1
    assert "hunter2secret" not in result.stdout + result.stderr
    assert "admin:***@127.0.0.1:1" in result.stdout
    assert "NOT reachable" in result.stdout
    assert "sk-test-abcdefghijklmnop" not in result.stdout + result.stderr
    assert elapsed < 20  # a dead server is reported within ~5 s, not the driver's 30


def test_not_a_sqlite_file_is_refused_and_left_alone(home: dict[str, str], tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are my notes, not a database\n" * 10)
    before = bogus.read_bytes()
    result = run_cli("doctor", "--database-url", f"sqlite:///{bogus}", env=home)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert bogus.read_bytes() == before


def test_store_from_a_newer_schema_is_refused_untouched(
    home: dict[str, str], tmp_path: Path
) -> None:
    first = run_cli("doctor", "--database-url", f"sqlite:///{tmp_path / 'a.db'}", env=home)
    assert first.returncode == 0, first.stderr
    db = tmp_path / "a.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()  # the last connection checkpoints the WAL into the main file
    before = db.read_bytes()
    result = run_cli("doctor", "--database-url", f"sqlite:///{db}", env=home)
    assert result.returncode == 1
    assert "newer" in (result.stdout + result.stderr).lower()
    assert db.read_bytes() == before


def test_config_table_lists_every_setting() -> None:
    result = run_cli("config", "--table")
    assert result.returncode == 0
    assert "`INTERVIEWAI_DATABASE_URL`" in result.stdout


def test_every_command_module_is_registered() -> None:
    """A command module that exists but is not registered is a feature nobody can reach."""
    from pathlib import Path

    from interviewai_tui.cli import build_parser

    folder = Path(__file__).resolve().parents[2] / "interviewai_tui" / "commands"
    modules = {p.stem for p in folder.glob("*_cmd.py")} | {"doctor"}
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert choices is not None
    handlers = {choices[n].get_default("handler").__module__.rsplit(".", 1)[-1] for n in choices}
    assert modules <= handlers, modules - handlers
