"""Hand an answer to the user's $EDITOR and read it back (the screen suspends the app around it).

Kept apart from the screen so it can be tested with a real subprocess and no terminal.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

__all__ = ["SUFFIXES", "EditorFailed", "edit_text", "editor_command"]

SUFFIXES = {
    "python": ".py",
    "javascript": ".js",
    "typescript": ".ts",
    "go": ".go",
    "java": ".java",
    "sql": ".sql",
}


class EditorFailed(Exception):
    """The editor could not be started or exited with an error; ``str()`` is one sentence."""


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    """$VISUAL, else $EDITOR, else vi — split like a shell would, never run through one."""
    env = os.environ if environ is None else environ
    raw = env.get("VISUAL") or env.get("EDITOR") or "vi"
    try:
        parts = shlex.split(raw)
    except ValueError:
        parts = []
    if not parts:
        raise EditorFailed("$EDITOR is not a command that can be run.")
    return parts


def edit_text(text: str, *, language: str | None = None, command: list[str] | None = None) -> str:
    """Write ``text`` to a private temp file, run the editor on it, return the file's text."""
    suffix = SUFFIXES.get(language or "", ".txt")
    handle, name = tempfile.mkstemp(prefix="interviewai-answer-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        args = [*(command or editor_command()), str(path)]
        try:
            done = subprocess.run(args, check=False)
        except OSError as exc:
            raise EditorFailed(
                f"The editor {args[0]!r} could not be started ({exc.strerror or exc})."
            ) from exc
        if done.returncode != 0:
            raise EditorFailed(
                f"The editor exited with status {done.returncode}; the answer was not changed."
            )
        return path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
