"""The history reads archived interviews from the archive store (read-only), on a real
SQLite store and its archive file."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.analytics.history import (
    ARCHIVED_READ_ONLY,
    NOT_FOUND,
    HistoryFilter,
    HistoryService,
)
from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.ops.archive_store import archive_url_for
from interviewai_tui.ops.archived import ArchivedHistory
from interviewai_tui.store import Store, open_store

from .dataset import add_user, at, interview

ARCHIVE = HistoryFilter(archived=True)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'interviewai.db'}"


@pytest.fixture
async def store(url: str, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(url, clock=clock) as opened:
        yield opened


@pytest.fixture
async def service(store: Store, url: str, clock: FrozenClock) -> AsyncIterator[HistoryService]:
    async with ArchivedHistory(url, clock=clock) as archive:
        yield HistoryService(store, AnalyticsService(store, clock), archive=archive)


async def test_no_archive_means_an_empty_archived_list_and_no_file(
    service: HistoryService, store: Store, tmp_path: Path
) -> None:
    user = await add_user(store)
    await store.interviews.create(interview=interview(user.id, created=at("2025-01-02")))
    page = await service.page(user.id, ARCHIVE, timezone=None, offset=0, limit=50)
    assert (page.total, page.items) == (0, [])
    assert not (tmp_path / "interviewai-archive.db").exists()


async def test_archived_interviews_are_listed_opened_and_kept(
    service: HistoryService, store: Store, url: str, clock: FrozenClock, tmp_path: Path
) -> None:
    user = await add_user(store)
    other = await add_user(store, name="Bo")
    live = interview(user.id, created=at("2025-01-02"), completed=at("2025-01-02"), score=70)
    await store.interviews.create(interview=live)
    old = [
        interview(
            user.id, created=at("2022-01-0" + str(day)), completed=at("2022-01-0" + str(day)),
            score=score, difficulty=difficulty, title=f"Old {day}",
        ).model_copy(update={"archived": True})
        for day, score, difficulty in ((1, 40, Difficulty.HARD), (2, 90, Difficulty.EASY))
    ]  # fmt: skip
    stuck = interview(user.id, created=at("2022-01-05"), status=InterviewStatus.IN_PROGRESS)
    stuck = stuck.model_copy(update={"archived": True})
    theirs = interview(other.id, created=at("2022-01-03")).model_copy(update={"archived": True})
    async with open_store(archive_url_for(url), clock=clock) as archive:
        for iv in (*old, stuck, theirs):
            await archive.interviews.create(interview=iv)

    page = await service.page(user.id, ARCHIVE, timezone=None, offset=0, limit=50)
    assert [r.id for r in page.items] == [stuck.id, old[1].id, old[0].id]
    assert all(r.archived for r in page.items) and not page.items[0].resumable
    by_score = HistoryFilter(archived=True, sort="score", descending=True)
    ranked = await service.page(user.id, by_score, timezone=None, offset=0, limit=50)
    assert [r.score for r in ranked.items] == [90, 40, None]  # sorts and filters work there
    live_page = await service.page(user.id, HistoryFilter(), timezone=None, offset=0, limit=50)
    assert [r.id for r in live_page.items] == [live.id] and not live_page.items[0].archived

    opened = await service.get(user.id, old[0].id)  # the detail screen reads the archive too
    assert opened.archived and opened.title == "Old 1"
    with pytest.raises(AnalyticsError) as refused:
        await service.get(user.id, theirs.id)
    assert refused.value.message == NOT_FOUND
    with pytest.raises(AnalyticsError) as kept:
        await service.delete(user.id, old[0].id)
    assert kept.value.message == ARCHIVED_READ_ONLY
    assert (await service.page(user.id, ARCHIVE, timezone=None, offset=0, limit=50)).total == 3

    path = tmp_path / "archived.csv"
    assert await service.export_csv(user.id, ARCHIVE, path, timezone=None) == 3
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["title"] for r in rows] == ["Backend practice", "Old 2", "Old 1"]
