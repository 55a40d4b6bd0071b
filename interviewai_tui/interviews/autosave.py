"""Where a running interview's writes go: the store, else the journal, else memory.

Order is the invariant: while older saves wait in the journal, newer ones queue behind them,
so a write-through never lands an older draft over a newer one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from interviewai_tui.interviews.events import DraftSaved, JournalFlushed, SaveProblem, SessionEvent
from interviewai_tui.interviews.journal import AnswerJournal, JournalEntry
from interviewai_tui.interviews.ports import SessionGateway, StorageDown, StoredState

__all__ = ["Autosaver"]

log = logging.getLogger("interviewai.interviews")

DISK_PROBLEM = (
    "Your answer could not be saved (the disk is full or read-only); "
    "it is kept on screen and retried."
)


class Autosaver:
    def __init__(
        self,
        interview_id: str,
        *,
        gateway: SessionGateway,
        journal: AnswerJournal,
        emit: Callable[[SessionEvent], None],
    ) -> None:
        self._id = interview_id
        self._gateway = gateway
        self._journal = journal
        self._emit = emit
        self._lock = asyncio.Lock()
        self._seq = journal.max_seq(interview_id)
        # Reading the journal file on every keystroke-save would be wasteful: remember instead.
        self._journal_pending = journal.has_pending(interview_id)
        self._pending_state: StoredState | None = None

    @property
    def waiting_for_store(self) -> bool:
        return self._pending_state is not None or self._journal_pending

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    async def write(self, entry: JournalEntry) -> bool:
        """Save one answer; False when it could be kept neither in the store nor the journal
        (the caller keeps it dirty and retries)."""
        async with self._lock:
            if not self._journal_pending:
                try:
                    await self._gateway.save_answer(entry)
                except StorageDown as exc:
                    return self._to_journal(entry, exc)
                except Exception:  # whatever went wrong, the answer must not be lost
                    log.exception("saving an answer failed")
                    return self._to_journal(entry, StorageDown("The store refused the answer."))
                self._emit(DraftSaved(entry.question_index, journaled=False))
                return True
            kept = self._to_journal(entry, None)
            await self._write_through()
            return kept

    async def save_state(self, state: StoredState) -> None:
        try:
            await self._gateway.save_state(state)
        except StorageDown as exc:
            self._emit(SaveProblem(f"{exc} The interview's status will be saved later."))
            self._pending_state = state
            return
        self._pending_state = None

    async def retry(self) -> bool:
        """Retry what the store refused; True when nothing is left waiting."""
        async with self._lock:
            await self._write_through()
        state = self._pending_state
        if state is not None:
            await self.save_state(state)
        return not self.waiting_for_store

    async def _write_through(self) -> None:
        if not self._journal_pending:
            return
        try:
            written = await self._journal.write_through(self._id, self._gateway.save_answer)
        except StorageDown:
            return
        except Exception:  # kept in the journal; retried on the next tick
            log.warning("writing the journal through failed", exc_info=True)
            return
        self._journal_pending = self._journal.has_pending(self._id)
        if written:
            self._emit(JournalFlushed(written))

    def _to_journal(self, entry: JournalEntry, cause: StorageDown | None) -> bool:
        try:
            self._journal.append(entry)
        except OSError:
            self._emit(SaveProblem(DISK_PROBLEM))
            return False
        self._journal_pending = True
        self._emit(DraftSaved(entry.question_index, journaled=True))
        if cause is not None:
            self._emit(
                SaveProblem(
                    f"{cause} Your answer is kept in a local journal and will be saved "
                    "when the store is back."
                )
            )
        return True
