"""A local, fsync'ed journal of answer saves the store could not take.

When the store is unreachable (or the disk under it is full) the candidate's answer must not be
lost, so the save is appended to a JSON-lines file in the data dir and written through when the
store answers again. Each entry is keyed by (interview, question, sequence); an "ack" line records
that it reached the store, so a replay after a restart writes every entry at most once, and only
the newest draft of each question is written at all (older ones are superseded, not replayed).

One file per interview keeps replay cheap and lets a finished interview's journal be deleted.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewai_tui.domain.common import QuestionStatus
from interviewai_tui.domain.interviews import Interview

__all__ = ["AnswerJournal", "JournalEntry", "apply_entry"]


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One answer save, as it would have gone to ``store.interviews.save_answer``."""

    interview_id: str
    question_index: int
    seq: int
    answer: str | None
    code_answer: str | None
    time_spent: int
    remaining_seconds: int | None
    status: str | None = None
    submitted_at: str | None = None  # ISO-8601, aware UTC

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.interview_id, self.question_index, self.seq)


Writer = Callable[[JournalEntry], Awaitable[None]]


class AnswerJournal:
    """Append-only journal files under ``directory``, one per interview."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory
        # Appends come from the event loop; the lock only guards against a thread flushing
        # at exit while the loop still writes.
        self._lock = threading.Lock()

    @property
    def directory(self) -> Path:
        return self._dir

    def path_for(self, interview_id: str) -> Path:
        # Ids are 24 hex chars (validated by the domain), so they are safe as file names.
        return self._dir / f"{interview_id}.jsonl"

    def append(self, entry: JournalEntry) -> None:
        """Write the entry and fsync it before returning (raises OSError if the disk refuses)."""
        self._write_line(entry.interview_id, {"kind": "answer", **asdict(entry)})

    def pending(self, interview_id: str) -> list[JournalEntry]:
        """Entries not yet acknowledged, newest per question only, in sequence order."""
        path = self.path_for(interview_id)
        if not path.exists():
            return []
        entries: dict[tuple[str, int, int], JournalEntry] = {}
        acked: set[tuple[str, int, int]] = set()
        with path.open("r", encoding="utf-8") as fh:
            for line in fh:
                record = _parse(line)
                if record is None:
                    continue  # a torn last line from a crash mid-write: nothing to replay
                kind = record.pop("kind", None)
                if kind == "answer":
                    entry = _entry_from(record)
                    if entry is not None:
                        entries[entry.key] = entry
                elif kind == "ack":
                    acked.add((str(record["interviewId"]), int(record["q"]), int(record["seq"])))
        newest: dict[int, JournalEntry] = {}
        for entry in entries.values():
            if entry.key in acked:
                continue
            current = newest.get(entry.question_index)
            if current is None or entry.seq > current.seq:
                newest[entry.question_index] = entry
        # A newer acknowledged save of the same question supersedes an older pending one.
        acked_max: dict[int, int] = {}
        for _iid, q, seq in acked:
            acked_max[q] = max(acked_max.get(q, -1), seq)
        return sorted(
            (e for e in newest.values() if e.seq > acked_max.get(e.question_index, -1)),
            key=lambda e: e.seq,
        )

    def has_pending(self, interview_id: str) -> bool:
        return bool(self.pending(interview_id))

    def interviews_with_pending(self) -> list[str]:
        """Ids of interviews whose journal still holds unwritten answers."""
        if not self._dir.is_dir():
            return []
        return sorted(
            p.stem for p in self._dir.glob("*.jsonl") if p.is_file() and self.has_pending(p.stem)
        )

    def ack(self, entry: JournalEntry) -> None:
        """Record that ``entry`` reached the store."""
        self._write_line(
            entry.interview_id,
            {
                "kind": "ack",
                "interviewId": entry.interview_id,
                "q": entry.question_index,
                "seq": entry.seq,
            },
        )

    async def write_through(self, interview_id: str, writer: Writer) -> int:
        """Write every pending entry with ``writer`` in order, acking each; return how many.

        Stops at the first failure (the writer's exception propagates) so the order of saves of
        one question is never inverted; what was written stays acknowledged.
        """
        written = 0
        for entry in self.pending(interview_id):
            await writer(entry)
            self.ack(entry)
            written += 1
        if written and not self.has_pending(interview_id):
            self.discard(interview_id)
        return written

    def discard(self, interview_id: str) -> None:
        """Delete an interview's journal (everything in it reached the store)."""
        with self._lock:
            self.path_for(interview_id).unlink(missing_ok=True)

    def max_seq(self, interview_id: str) -> int:
        """The highest sequence number in the journal, so a resumed session continues after it."""
        path = self.path_for(interview_id)
        if not path.exists():
            return 0
        top = 0
        with path.open("r", encoding="utf-8") as fh:
            for line in fh:
                record = _parse(line)
                if record is not None and "seq" in record:
                    top = max(top, int(record["seq"]))
        return top

    def _write_line(self, interview_id: str, record: dict[str, Any]) -> None:
        data = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self._dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path_for(interview_id), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                os.fsync(fd)
            finally:
                os.close(fd)


def _parse(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _entry_from(record: dict[str, Any]) -> JournalEntry | None:
    try:
        return JournalEntry(**record)
    except TypeError:
        return None


def apply_entry(interview: Interview, entry: JournalEntry) -> None:
    """Put a journaled save back into the interview (on resume: the journal is newer)."""
    if not 0 <= entry.question_index < len(interview.questions):
        return
    q = interview.questions[entry.question_index]
    q.answer = entry.answer
    q.code_answer = entry.code_answer
    q.time_spent = entry.time_spent
    if entry.status:
        q.status = QuestionStatus(entry.status)
    if entry.submitted_at:
        q.submitted_at = datetime.fromisoformat(entry.submitted_at)
    if entry.remaining_seconds is not None:
        interview.remaining_seconds = entry.remaining_seconds
