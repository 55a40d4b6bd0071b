"""The history of a user with 10,000 interviews, read page by page with filters and sorting."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from interviewai_tui.analytics.history import HistoryFilter, HistoryService
from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store

from .dataset import add_user, at, interview

N = 10_000
STACKS = [["Python"], ["Go", "SQL"], ["TypeScript", "React"]]


@pytest.fixture
async def heavy(store: Store) -> tuple[User, list[Interview]]:
    rng = random.Random(7)
    user = await add_user(store, timezone="Europe/Berlin")
    other = await add_user(store, name="Bob")
    start = at("2023-01-01")
    made: list[Interview] = []
    for i in range(N):
        created = start + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        done = rng.random() < 0.8
        made.append(
            interview(
                user.id,
                created=created,
                completed=created + timedelta(minutes=30) if done else None,
                score=rng.randrange(0, 101) if done else None,
                difficulty=rng.choice(list(Difficulty)),
                stack=rng.choice(STACKS),
                title=f"{'Mock' if i % 3 else 'Final'} interview {i}",
            )
        )
    docs = [iv.model_dump(by_alias=True) for iv in made]
    docs.append(interview(other.id, created=start).model_dump(by_alias=True))
    await store.import_documents(collection="interviews", documents=docs)
    return user, made


def _service(store: Store, clock: FrozenClock) -> HistoryService:
    return HistoryService(store, AnalyticsService(store, clock))


async def _everything(
    service: HistoryService, user: User, flt: HistoryFilter, limit: int
) -> tuple[list[str], int]:
    ids: list[str] = []
    offset, total, pages = 0, -1, 0
    while total < 0 or offset < total:
        page = await service.page(
            user.id, flt, timezone=user.preferences.timezone, offset=offset, limit=limit
        )
        total = page.total
        ids += [row.id for row in page.items]
        offset += len(page.items)
        pages += 1
        assert len(page.items) <= limit
        if not page.items:
            break
    return ids, pages


async def test_every_interview_once_in_order_a_page_at_a_time(
    store: Store, clock: FrozenClock, heavy: tuple[User, list[Interview]]
) -> None:
    user, made = heavy
    service = _service(store, clock)
    ids, pages = await _everything(service, user, HistoryFilter(), limit=500)
    assert pages == N // 500
    expected = sorted(made, key=lambda iv: (iv.created_at, iv.id), reverse=True)
    assert ids == [iv.id for iv in expected]  # newest first, ties by id, nobody else's

    first = await service.page(user.id, HistoryFilter(), timezone=None, offset=0, limit=50)
    assert (len(first.items), first.total, first.has_more) == (50, N, True)
    last = await service.page(user.id, HistoryFilter(), timezone=None, offset=N - 7, limit=50)
    assert (len(last.items), last.has_more) == (7, False)


async def test_filters_sorting_and_local_date_range_at_scale(
    store: Store, clock: FrozenClock, heavy: tuple[User, list[Interview]]
) -> None:
    user, made = heavy
    service = _service(store, clock)
    flt = HistoryFilter(
        status=InterviewStatus.COMPLETED,
        difficulty=Difficulty.HARD,
        tech="SQL",
        search="final",
        sort="score",
        descending=False,
    )
    ids, _ = await _everything(service, user, flt, limit=1000)
    wanted = [
        iv
        for iv in made
        if iv.status is InterviewStatus.COMPLETED
        and iv.difficulty is Difficulty.HARD
        and "SQL" in iv.tech_stack
        and iv.title.startswith("Final")
    ]
    assert 50 < len(wanted) < N // 10
    assert ids == [
        iv.id
        for iv in sorted(wanted, key=lambda iv: (iv.results.total_score, iv.id))  # type: ignore[union-attr]
    ]

    # 1-2 March 2024 in Berlin: 23:00 UTC on 29 Feb to 23:00 UTC on 2 March.
    span = HistoryFilter(date_from=date(2024, 3, 1), date_to=date(2024, 3, 2))
    ids, _ = await _everything(service, user, span, limit=1000)
    lo, hi = at("2024-02-29", "23:00"), at("2024-03-02", "23:00")
    assert set(ids) == {iv.id for iv in made if lo <= iv.created_at < hi}
    assert ids


async def test_a_backwards_date_range_is_one_sentence(store: Store, clock: FrozenClock) -> None:
    from interviewai_tui.analytics.errors import AnalyticsError

    user = await add_user(store)
    with pytest.raises(AnalyticsError, match="start date is after the end date"):
        await _service(store, clock).page(
            user.id,
            HistoryFilter(date_from=date(2025, 3, 2), date_to=date(2025, 3, 1)),
            timezone=None,
            offset=0,
            limit=10,
        )
