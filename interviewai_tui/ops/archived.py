"""Read access to archived interviews and chats, for history screens.

`ArchivedHistory` opens the archive store only if it exists (an embedded archive file is never
created just by looking) and answers with the usual domain models; archived interviews carry
`archived=True`, so a screen can list them after the live ones and mark them.
"""

from __future__ import annotations

from interviewai_tui.clock import Clock
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.ops.archive_store import archive_url_for
from interviewai_tui.store import Page, Store, open_store
from interviewai_tui.store.factory import sqlite_path_from_url
from interviewai_tui.store.lifecycle import OpenClose

__all__ = ["ArchivedHistory"]


class ArchivedHistory(OpenClose):
    """The archive of the store at `url` (see `archive_store`), opened on `open()`."""

    def __init__(self, url: str, *, clock: Clock | None = None) -> None:
        self.url = archive_url_for(url)
        self.clock = clock
        self._store: Store | None = None

    @property
    def exists(self) -> bool:
        path = sqlite_path_from_url(self.url)
        return path is None or path.is_file()

    async def open(self) -> None:
        if self._store is None and self.exists:
            store = open_store(self.url, clock=self.clock)
            self._store = await store.__aenter__()

    async def close(self) -> None:
        if self._store is not None:
            store, self._store = self._store, None
            await store.__aexit__(None, None, None)

    async def archive_store(self) -> Store | None:
        """The archive store, opened on first use; None while no archive exists (checked
        again on each call, so an archive made meanwhile is found)."""
        await self.open()
        return self._store

    async def interviews(
        self, *, user_id: str, offset: int = 0, limit: int = 20
    ) -> Page[Interview]:
        """A user's archived interviews, newest first (empty when there is no archive)."""
        if self._store is None:
            return Page([], 0, offset, limit)
        return await self._store.interviews.list_for_user(
            user_id=user_id, offset=offset, limit=limit
        )

    async def interview(self, *, interview_id: str) -> Interview | None:
        if self._store is None:
            return None
        return await self._store.interviews.get(interview_id=interview_id)

    async def chats(self, *, user_id: str, offset: int = 0, limit: int = 20) -> Page[ChatSession]:
        if self._store is None:
            return Page([], 0, offset, limit)
        return await self._store.chats.list_for_user(user_id=user_id, offset=offset, limit=limit)
