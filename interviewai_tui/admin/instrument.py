"""A `Store` wrapper that times every repository call, for the admin metrics.

There is no HTTP API in a terminal app, so the operations the app performs on its store are
what the `api` and `database` parts of a metrics sample measure. The wrapper is transparent:
same repositories, same results, same exceptions; each awaited call adds one entry to an
`OperationLog` under the name ``store/<repository>/<method>``.

Refusals a user causes (a duplicate email, a record that is gone, an invalid change) are the
store working as intended and do not count as errors; an unreachable database or an
unexpected exception does.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, cast

from interviewai_tui.admin.opstats import OperationLog
from interviewai_tui.domain.common import Document
from interviewai_tui.store.base import (
    AnalyticsRepository,
    AuditRepository,
    ChatRepository,
    InterviewRepository,
    MetricsRepository,
    QuestionRepository,
    SessionRepository,
    Store,
    UserRepository,
)
from interviewai_tui.store.errors import StoreError, StoreUnavailableError

__all__ = ["InstrumentedStore", "is_failure"]

REPOSITORIES = ("users", "interviews", "chats", "questions", "analytics", "metrics", "sessions")


def is_failure(error: BaseException) -> bool:
    """Whether an exception from the store is a failure (rather than an expected refusal)."""
    if isinstance(error, StoreUnavailableError):
        return True
    return not isinstance(error, StoreError)


class _TimedRepository:
    def __init__(
        self, inner: object, prefix: str, log: OperationLog, timer: Callable[[], float]
    ) -> None:
        self._inner = inner
        self._prefix = prefix
        self._log = log
        self._timer = timer

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not inspect.iscoroutinefunction(attr):
            return attr
        wrapped = self._wrap(f"{self._prefix}/{name}", attr)
        setattr(self, name, wrapped)  # found directly next time, without __getattr__
        return wrapped

    def _wrap(
        self, endpoint: str, method: Callable[..., Awaitable[Any]]
    ) -> Callable[..., Awaitable[Any]]:
        log, timer = self._log, self._timer

        @functools.wraps(method)
        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = timer()
            try:
                result = await method(*args, **kwargs)
            except Exception as error:
                log.record(endpoint, (timer() - start) * 1000, ok=not is_failure(error))
                raise
            log.record(endpoint, (timer() - start) * 1000)
            return result

        return timed


class InstrumentedStore:
    """Wraps an (opened or unopened) store; `inner` is the store itself, untimed."""

    def __init__(
        self,
        inner: Store,
        log: OperationLog,
        *,
        timer: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.inner = inner
        self.log = log
        self._repos: dict[str, object] = {
            name: _TimedRepository(getattr(inner, name), f"store/{name}", log, timer)
            for name in REPOSITORIES
        }

    @property
    def engine(self) -> str:
        return self.inner.engine

    @property
    def users(self) -> UserRepository:
        return cast(UserRepository, self._repos["users"])

    @property
    def interviews(self) -> InterviewRepository:
        return cast(InterviewRepository, self._repos["interviews"])

    @property
    def chats(self) -> ChatRepository:
        return cast(ChatRepository, self._repos["chats"])

    @property
    def questions(self) -> QuestionRepository:
        return cast(QuestionRepository, self._repos["questions"])

    @property
    def analytics(self) -> AnalyticsRepository:
        return cast(AnalyticsRepository, self._repos["analytics"])

    @property
    def metrics(self) -> MetricsRepository:
        return cast(MetricsRepository, self._repos["metrics"])

    @property
    def sessions(self) -> SessionRepository:
        return cast(SessionRepository, self._repos["sessions"])

    @property
    def audit(self) -> AuditRepository:
        # Written by the admin services themselves; timing it would make every admin action
        # look like traffic.
        return self.inner.audit

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    async def __aenter__(self) -> Self:
        await self.inner.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.inner.__aexit__(exc_type, exc, tb)

    async def ping(self) -> float:
        return await self.inner.ping()

    async def counts(self) -> dict[str, int]:
        return await self.inner.counts()

    def describe(self) -> str:
        return self.inner.describe()

    def export(self, *, collection: str) -> AsyncIterator[dict[str, Any]]:
        return self.inner.export(collection=collection)

    async def import_documents(
        self, *, collection: str, documents: Sequence[Mapping[str, Any]]
    ) -> int:
        return await self.inner.import_documents(collection=collection, documents=documents)

    def export_models(self, *, collection: str) -> AsyncIterator[Document]:
        return self.inner.export_models(collection=collection)

    async def get_documents(self, *, collection: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        return await self.inner.get_documents(collection=collection, ids=ids)

    async def delete_documents(self, *, collection: str, ids: Sequence[str]) -> int:
        return await self.inner.delete_documents(collection=collection, ids=ids)
