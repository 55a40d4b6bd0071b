"""A database made before the history could sort by every column (schema version 1) keeps
opening: it is migrated in place, its rows keep their data and sort by the new keys."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from interviewai_tui.domain.common import Difficulty
from interviewai_tui.store import open_store
from interviewai_tui.store.sqlite.codec import encode
from interviewai_tui.store.sqlite.interview_sort import SORT_INDEX
from interviewai_tui.store.sqlite.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from tests.store.conftest import START
from tests.store.factories import interview, user


def _version_1_database(path: Path) -> tuple[str, list[str]]:
    """A file exactly as schema version 1 left it, with one user and three interviews."""
    owner = user(1)
    made = [
        interview(owner.id, created_at=START, tech=["rust"], difficulty=Difficulty.HARD),
        interview(
            owner.id, created_at=START + timedelta(minutes=1), tech=[], difficulty=Difficulty.EASY
        ),
        interview(owner.id, created_at=START + timedelta(minutes=2), tech=["Go", "SQL"]),
    ]
    with sqlite3.connect(path) as raw:
        for statement in MIGRATIONS[0]:
            raw.execute(statement)
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        raw.execute("PRAGMA user_version = 1")
        raw.execute("INSERT INTO users (id, doc) VALUES (?, ?)", (owner.id, encode(owner)))
        raw.executemany(
            "INSERT INTO interviews (id, doc) VALUES (?, ?)", [(i.id, encode(i)) for i in made]
        )
    raw.close()
    return owner.id, [i.id for i in made]


async def test_a_version_1_file_is_migrated_and_sorts_by_the_new_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    uid, (rust, none, go) = _version_1_database(db)
    assert SCHEMA_VERSION >= 2
    async with open_store(str(db)) as store:
        page = await store.interviews.list_for_user(user_id=uid, sort="tech", descending=False)
        assert [i.id for i in page.items] == [go, rust, none]  # go < rust, empty stack last
        page = await store.interviews.list_for_user(user_id=uid, sort="difficulty")
        assert [i.id for i in page.items] == [rust, go, none]  # hard, medium, easy
        assert (await store.interviews.get(interview_id=go)).tech_stack == ["Go", "SQL"]  # type: ignore[union-attr]
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_schema")}
        assert SORT_INDEX in names
        firsts = dict(raw.execute("SELECT id, first_tech FROM interviews").fetchall())
    raw.close()
    assert firsts == {rust: "rust", none: None, go: "go"}


async def test_the_first_technology_follows_an_update(tmp_path: Path) -> None:
    async with open_store(str(tmp_path / "new.db")) as store:
        uid = (await store.users.create(user=user(1))).id
        a = await store.interviews.create(interview=interview(uid, created_at=START, tech=["Go"]))
        b = await store.interviews.create(
            interview=interview(uid, created_at=START + timedelta(minutes=1), tech=["Python"])
        )
        order = await store.interviews.list_for_user(user_id=uid, sort="tech", descending=False)
        assert [i.id for i in order.items] == [a.id, b.id]
        await store.interviews.update(interview_id=a.id, changes={"techStack": ["Zig"]})
        order = await store.interviews.list_for_user(user_id=uid, sort="tech", descending=False)
        assert [i.id for i in order.items] == [b.id, a.id]
