"""History sorting by every column, on every engine: order, direction, rows without a value
last, ties by id, and pages that add up to the whole sorted list."""

from __future__ import annotations

import random
import typing
from datetime import datetime, timedelta

import pytest

from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.store import Store, StoreError
from interviewai_tui.store.repositories import InterviewSort
from tests.store.conftest import START
from tests.store.factories import interview, user

KEYS: tuple[InterviewSort, ...] = typing.get_args(InterviewSort)
RANK = {Difficulty.EASY: 0, Difficulty.MEDIUM: 1, Difficulty.HARD: 2}
TITLES = ["alpha", "Alpha", "beta", "Gamma", "gamma", "delta", "Zulu"]
ROLES = [None, "", "Backend", "backend", "Data Engineer", "frontend", "Zeta"]
STACKS: list[list[str]] = [[], [""], ["Python"], ["python", "Go"], ["Go"], ["rust"], ["SQL"]]
N = 40


def value(iv: Interview, key: InterviewSort) -> object:
    """The reference sort value; None for "no value" (those rows come last either way)."""
    results = iv.results
    if key == "created_at":
        return iv.created_at
    if key == "completed_at":
        return iv.completed_at
    if key == "score":
        return results.total_score if results else None
    if key == "time_spent":
        return results.time_spent if results else None
    if key == "title":
        return iv.title.lower()
    if key == "status":
        return iv.status.value
    if key == "difficulty":
        return RANK[iv.difficulty]
    if key == "job_role":
        return (iv.job_role or "").lower() or None
    assert key == "tech"
    return (iv.tech_stack[0] if iv.tech_stack else "").lower() or None


def reference(items: list[Interview], key: InterviewSort, descending: bool) -> list[str]:
    valued = [iv for iv in items if value(iv, key) is not None]
    blank = [iv for iv in items if value(iv, key) is None]
    valued.sort(key=lambda iv: (value(iv, key), iv.id), reverse=descending)
    blank.sort(key=lambda iv: iv.id, reverse=descending)
    return [iv.id for iv in valued + blank]


def _dataset(user_id: str, rng: random.Random) -> list[Interview]:
    """Small pools, so that every key has ties, case variants and rows without a value."""
    created = [START + timedelta(minutes=rng.randrange(12)) for _ in range(N)]
    finished = [START + timedelta(hours=h) for h in (1, 2, 2, 3)]
    made = []
    for i in range(N):
        status = rng.choice(list(InterviewStatus))
        done = status is InterviewStatus.COMPLETED
        iv = interview(
            user_id,
            title=f"{rng.choice(TITLES)} practice",
            created_at=created[i],
            status=status,
            score=rng.choice([0, 50, 50, 70, 100]) if done else None,
            time_spent=rng.choice([0, 300, 300, 900]),
            job_role=rng.choice(ROLES),
            difficulty=rng.choice(list(Difficulty)),
            tech=list(rng.choice(STACKS)),
        )
        if done:
            iv = iv.model_copy(update={"completed_at": rng.choice(finished)})
        made.append(iv)
    return made


@pytest.fixture
async def mine(store: Store) -> tuple[str, list[Interview]]:
    uid = (await store.users.create(user=user(1))).id
    other = (await store.users.create(user=user(2))).id
    made = _dataset(uid, random.Random(11))
    theirs = _dataset(other, random.Random(12))[:5]
    docs = [iv.model_dump(by_alias=True) for iv in made + theirs]
    await store.import_documents(collection="interviews", documents=docs)
    return uid, made


async def _ids(
    store: Store, uid: str, key: InterviewSort, descending: bool, **kw: object
) -> list[str]:
    page = await store.interviews.list_for_user(
        user_id=uid,
        sort=key,
        descending=descending,
        limit=100,
        **kw,  # type: ignore[arg-type]
    )
    return [iv.id for iv in page.items]


@pytest.mark.parametrize("descending", [True, False], ids=["desc", "asc"])
async def test_every_key_sorts_with_blanks_last_and_ties_by_id(
    store: Store, mine: tuple[str, list[Interview]], descending: bool
) -> None:
    uid, made = mine
    for key in KEYS:
        assert await _ids(store, uid, key, descending) == reference(made, key, descending), key


@pytest.mark.parametrize("descending", [True, False], ids=["desc", "asc"])
async def test_pages_add_up_to_the_sorted_list(
    store: Store, mine: tuple[str, list[Interview]], descending: bool
) -> None:
    uid, made = mine
    for key in KEYS:
        seen: list[str] = []
        while True:
            page = await store.interviews.list_for_user(
                user_id=uid, sort=key, descending=descending, offset=len(seen), limit=7
            )
            assert page.total == N
            seen += [iv.id for iv in page.items]
            if not page.has_more:
                break
        assert seen == reference(made, key, descending), key


async def test_what_a_user_sees_at_the_ends_of_each_order(
    store: Store, mine: tuple[str, list[Interview]]
) -> None:
    uid, made = mine
    by_id = {iv.id: iv for iv in made}

    async def column(key: InterviewSort, descending: bool) -> list[object]:
        return [value(by_id[i], key) for i in await _ids(store, uid, key, descending)]

    # Difficulty by rank, not by name ("hard" < "medium" alphabetically).
    up = [by_id[i].difficulty for i in await _ids(store, uid, "difficulty", False)]
    assert up == sorted(up, key=RANK.__getitem__) and up[0] is Difficulty.EASY
    assert up[-1] is Difficulty.HARD
    # Case does not split the titles: "alpha" and "Alpha" sit together, before "beta".
    titles = [by_id[i].title for i in await _ids(store, uid, "title", False)]
    firsts = [t.split()[0].lower() for t in titles]
    assert firsts == sorted(firsts) and titles[-1].startswith("Zulu")
    # No score, no time, no role, no stack, not completed: last in both directions.
    for key in ("score", "time_spent", "completed_at", "job_role", "tech"):
        for descending in (True, False):
            got = await column(key, descending)  # type: ignore[arg-type]
            blanks = got.count(None)
            assert 0 < blanks < N, key
            assert got[N - blanks :] == [None] * blanks, (key, descending)
    scores = await column("score", True)
    assert scores[0] == 100 and scores.count(100) >= 1


async def test_sorting_keeps_the_filters(store: Store, mine: tuple[str, list[Interview]]) -> None:
    uid, made = mine
    done = [iv for iv in made if iv.status is InterviewStatus.COMPLETED]
    got = await _ids(store, uid, "tech", True, status=InterviewStatus.COMPLETED)
    assert got == reference(done, "tech", True)
    hard = [iv for iv in made if iv.difficulty is Difficulty.HARD and "Go" in iv.tech_stack]
    got = await _ids(store, uid, "job_role", False, difficulty=Difficulty.HARD, tech="Go")
    assert got == reference(hard, "job_role", False)
    titled = [iv for iv in made if "alpha" in iv.title.lower()]
    assert await _ids(store, uid, "time_spent", False, search="ALPHA") == reference(
        titled, "time_spent", False
    )


async def test_an_unknown_sort_key_is_refused(
    store: Store, mine: tuple[str, list[Interview]]
) -> None:
    uid, _ = mine
    for bad in ("bogus", "doc", "id; DROP TABLE interviews", "techStack"):
        with pytest.raises(StoreError):
            await store.interviews.list_for_user(user_id=uid, sort=bad)  # type: ignore[arg-type]


def test_dataset_is_varied_enough() -> None:
    made = _dataset("0" * 24, random.Random(11))
    for key in KEYS:
        values = [value(iv, key) for iv in made]
        assert len(set(values)) > 2, key
        assert len(set(values)) < N, key  # some ties, so the id tie-break is exercised
    assert any(isinstance(v, datetime) for v in (value(iv, "completed_at") for iv in made))


@pytest.mark.parametrize("key", ["created_at", "job_role"], ids=["plain", "computed"])
async def test_a_page_can_leave_the_answers_out(
    store: Store, mine: tuple[str, list[Interview]], key: InterviewSort
) -> None:
    uid, _ = mine
    full = await store.interviews.list_for_user(user_id=uid, sort=key, limit=10)
    light = await store.interviews.list_for_user(
        user_id=uid, sort=key, limit=10, without=("questions", "aiProcessing")
    )
    assert [iv.id for iv in light.items] == [iv.id for iv in full.items]
    assert light.total == full.total == N
    assert all(iv.questions for iv in full.items)  # the factory gives each three
    assert all(not iv.questions for iv in light.items)
    rest = {"questions", "ai_processing"}
    assert [iv.model_dump(exclude=rest) for iv in light.items] == [
        iv.model_dump(exclude=rest) for iv in full.items
    ]
    with pytest.raises(StoreError):
        await store.interviews.list_for_user(user_id=uid, without=("$where",))
