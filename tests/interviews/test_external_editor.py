"""Handing an answer to $EDITOR (a real subprocess standing in for the editor)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from interviewai_tui.ui.widgets.external_editor import EditorFailed, edit_text, editor_command


def fake_editor(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "editor.py"
    script.write_text(body)
    return [sys.executable, str(script)]


def test_text_comes_back_as_the_editor_left_it(tmp_path: Path) -> None:
    editor = fake_editor(
        tmp_path,
        (
            "import sys, pathlib\n"
            "p = pathlib.Path(sys.argv[1])\n"
            "assert p.suffix == '.py'\n"
            "p.write_text(p.read_text() + 'print(42)\\n')\n"
        ),
    )
    original = "x = '[bold]é'\n"
    assert edit_text(original, language="python", command=editor) == original + "print(42)\n"
    leftovers = list(Path(__import__("tempfile").gettempdir()).glob("interviewai-answer-*"))
    assert leftovers == []  # the temp file is removed


def test_failing_or_missing_editor_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(EditorFailed, match="exited with status 3"):
        edit_text("x", command=fake_editor(tmp_path, "raise SystemExit(3)\n"))
    with pytest.raises(EditorFailed, match="could not be started"):
        edit_text("x", command=[str(tmp_path / "no-such-editor")])


def test_editor_command_is_split_not_shelled() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "vim -u 'my rc'"}) == ["vim", "-u", "my rc"]
    assert editor_command({}) == ["vi"]
    with pytest.raises(EditorFailed):
        editor_command({"EDITOR": "'unclosed"})
