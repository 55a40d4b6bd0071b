"""The answer journal: fsync'ed appends, acks, write-through exactly once, torn lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewai_tui.interviews.journal import AnswerJournal, JournalEntry
from interviewai_tui.interviews.ports import StorageDown

IID = "65f0a1b2c3d4e5f60718293a"


def entry(q: int, seq: int, text: str) -> JournalEntry:
    return JournalEntry(IID, q, seq, text, None, seq * 10, 500 - seq, "draft")


async def test_write_through_writes_newest_per_question_once(tmp_path: Path) -> None:
    journal = AnswerJournal(tmp_path / "journal")
    for e in (entry(0, 1, "a"), entry(0, 2, "ab"), entry(1, 3, "x"), entry(0, 4, "abc")):
        journal.append(e)
    written: list[JournalEntry] = []

    async def writer(e: JournalEntry) -> None:
        written.append(e)

    assert await journal.write_through(IID, writer) == 2
    assert [(e.question_index, e.seq, e.answer) for e in written] == [(1, 3, "x"), (0, 4, "abc")]
    # A second replay (e.g. the next start) writes nothing again, and the file is gone.
    assert await journal.write_through(IID, writer) == 0
    assert len(written) == 2
    assert not journal.path_for(IID).exists()


async def test_replay_after_restart_skips_what_was_acknowledged(tmp_path: Path) -> None:
    first = AnswerJournal(tmp_path)
    first.append(entry(0, 1, "one"))
    first.append(entry(1, 2, "two"))
    calls: list[int] = []

    async def flaky(e: JournalEntry) -> None:
        calls.append(e.seq)
        if e.seq == 2:
            raise StorageDown("down again")

    with pytest.raises(StorageDown):
        await first.write_through(IID, flaky)
    # A new process reads the same file: seq 1 was acknowledged, only seq 2 remains.
    second = AnswerJournal(tmp_path)
    assert [e.seq for e in second.pending(IID)] == [2]

    async def ok(e: JournalEntry) -> None:
        calls.append(e.seq)

    assert await second.write_through(IID, ok) == 1
    assert calls == [1, 2, 2]
    assert second.max_seq(IID) == 0  # the journal is deleted once empty


def test_torn_last_line_is_ignored(tmp_path: Path) -> None:
    journal = AnswerJournal(tmp_path)
    journal.append(entry(0, 1, "kept"))
    with journal.path_for(IID).open("a", encoding="utf-8") as fh:
        fh.write('{"kind": "answer", "interview_id": "')  # the process died mid-write
    pending = journal.pending(IID)
    assert [(e.seq, e.answer) for e in pending] == [(1, "kept")]
    assert journal.interviews_with_pending() == [IID]


def test_text_is_kept_exactly(tmp_path: Path) -> None:
    journal = AnswerJournal(tmp_path)
    tricky = '[bold]x[/] \x1b]52;c;aGk=\x07 \u2028 "quotes" \\ é 😀\n\ttab'
    journal.append(entry(0, 1, tricky))
    assert AnswerJournal(tmp_path).pending(IID)[0].answer == tricky


def test_append_to_unwritable_dir_raises_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    journal = AnswerJournal(blocker / "journal")
    with pytest.raises(OSError):
        journal.append(entry(0, 1, "x"))
