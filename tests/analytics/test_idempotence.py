"""Recomputing gives the same documents and never a duplicate, on every engine."""

from __future__ import annotations

from collections import Counter

from interviewai_tui.analytics.service import AnalyticsService
from interviewai_tui.analytics.writer import claim_dates
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.common import AnalyticsType
from interviewai_tui.store import Store

from .conftest import NOW
from .dataset import at, fixed_dataset, interview, question


async def _all(store: Store, user_id: str) -> list[Analytics]:
    docs: list[Analytics] = []
    for kind in AnalyticsType:
        docs += await store.analytics.list(user_id=user_id, type=kind)
    return sorted(docs, key=lambda d: d.id)


def _keys(docs: list[Analytics]) -> Counter[tuple[str, str, object]]:
    return Counter((str(d.type), str(d.period.type), d.period.date) for d in docs)


async def test_rebuilding_twice_writes_nothing_the_second_time(
    any_store: Store, clock: FrozenClock
) -> None:
    user, _, _ = await fixed_dataset(any_store)
    service = AnalyticsService(any_store, clock)
    first = await service.rebuild()
    before = await _all(any_store, user.id)
    assert first.written == len(before) == 10 + 4 + 1  # user periods, interviews, chat
    clock.advance(3600)
    second = await service.rebuild()
    assert (second.written, second.unchanged) == (0, len(before))
    after = await _all(any_store, user.id)
    assert after == before  # same ids, content and timestamps: nothing was rewritten
    assert max(_keys(after).values()) == 1


async def test_new_activity_rewrites_only_what_changed(
    any_store: Store, clock: FrozenClock
) -> None:
    user, _, _ = await fixed_dataset(any_store)
    service = AnalyticsService(any_store, clock)
    await service.rebuild_user(user.id)
    before = {d.id: d for d in await _all(any_store, user.id)}
    clock.set(at("2025-04-02", "12:00"))
    late = interview(
        user.id,
        created=at("2025-04-02", "09:00"),
        completed=at("2025-04-02", "09:30"),
        score=95,
        skills={"SQL": 95},
        questions=[question(score=95, submitted=at("2025-04-02", "09:20"))],
    )
    await any_store.interviews.create(interview=late)
    report = await service.interview_completed(late.id)
    after = {d.id: d for d in await _all(any_store, user.id)}
    # New: the day of 2 April and the interview's own document. Changed: the week of
    # 31 March, April, 2025 (same ids, new content). Everything else untouched.
    assert report.written == 5
    assert len(after) == len(before) + 2
    changed = [i for i in before if after[i] != before[i]]
    assert len(changed) == 3
    assert all(after[i].created_at == before[i].created_at for i in changed)
    assert all(after[i].updated_at == at("2025-04-02", "12:00") for i in changed)
    assert max(_keys(list(after.values())).values()) == 1


async def test_a_deleted_interview_empties_its_periods_instead_of_leaving_stale_numbers(
    any_store: Store, clock: FrozenClock
) -> None:
    user, ivs, _ = await fixed_dataset(any_store)
    service = AnalyticsService(any_store, clock)
    await service.rebuild_user(user.id)
    await any_store.interviews.delete(interview_id=ivs["iv4"].id)  # the only one on 10 March
    await service.rebuild_user(user.id)
    docs = await any_store.analytics.list(user_id=user.id, type=AnalyticsType.USER)
    by_day = {(str(d.period.type), d.period.date): d for d in docs}
    emptied = by_day[("daily", at("2025-03-10"))].user_metrics
    assert emptied is not None and emptied.login_count == 0 and emptied.features_used == []
    report = await service.progress(user.public())
    assert report.active_days == 3  # the emptied day is not active


def test_claimed_dates_are_unique_and_stable() -> None:
    t = NOW
    held = {"b": t}
    dates = claim_dates([("a", t), ("b", t), ("c", t)], held)
    assert dates["b"] == t  # keeps the instant its stored document has
    assert len(set(dates.values())) == 3
    assert claim_dates([("a", t), ("b", t), ("c", t)], dates) == dates
