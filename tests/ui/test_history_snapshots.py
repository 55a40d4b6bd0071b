"""SVG snapshots of the history, interview detail and progress screens at 80x24.

The app runs in its own event loop here (that is how snapshots are taken), so the store is
opened inside it, in ``run_before``. Time is frozen and the data fixed.

Update with: pytest tests/ui/test_history_snapshots.py --snapshot-update (then look at them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.store import Store
from interviewai_tui.ui.screens.history import HistoryScreen
from interviewai_tui.ui.screens.interview_detail import InterviewDetailScreen
from interviewai_tui.ui.screens.progress import ProgressScreen
from tests.analytics.dataset import at, fixed_dataset
from tests.analytics.ui_host import HistoryHost

from .helpers import settle

SIZE = (80, 24)
IDS: dict[str, str] = {}


def clock() -> FrozenClock:
    return FrozenClock(at("2025-04-02", "12:00"))


async def seed(store: Store) -> PublicUser:
    user, ivs, _ = await fixed_dataset(store)
    IDS.update({name: iv.id for name, iv in ivs.items()})
    return user.public()


def test_history_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = HistoryHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path, clock(), seed)
        await app.push_screen(HistoryScreen())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_history_screen_with_filters_open(snap_compare: Any, tmp_path: Path) -> None:
    app = HistoryHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path, clock(), seed)
        await app.push_screen(HistoryScreen())
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_interview_detail_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = HistoryHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path, clock(), seed)
        await app.push_screen(InterviewDetailScreen(IDS["iv2"]))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_progress_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = HistoryHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await app.open_own(tmp_path, clock(), seed)
        await app.push_screen(ProgressScreen())
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class ArchiveHost(HistoryHost):
    """The history host with a real archive file beside its store (closed on unmount)."""

    archive: Any = None

    async def on_unmount(self) -> None:
        if self.archive is not None:
            await self.archive.close()
        await super().on_unmount()


def test_history_archive_view(snap_compare: Any, tmp_path: Path) -> None:
    from interviewai_tui.analytics.history import HistoryService
    from interviewai_tui.analytics.service import AnalyticsService
    from interviewai_tui.ops.archive_store import archive_url_for
    from interviewai_tui.ops.archived import ArchivedHistory
    from interviewai_tui.store import open_store
    from tests.analytics.dataset import interview

    app = ArchiveHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        services = await app.open_own(tmp_path, clock(), seed)
        assert app.user is not None
        url = f"sqlite:///{tmp_path / 'snap.db'}"
        old = interview(
            app.user.id, created=at("2022-11-03", "10:00"), completed=at("2022-11-03", "10:40"),
            score=64, title="SQL joins (2022)", time_spent=2400,
        ).model_copy(update={"archived": True})  # fmt: skip
        async with open_store(archive_url_for(url), clock=clock()) as archive_store:
            await archive_store.interviews.create(interview=old)
        app.archive = ArchivedHistory(url, clock=clock())
        await app.archive.open()
        store = services.store
        service = HistoryService(store, AnalyticsService(store, clock()), archive=app.archive)
        await app.push_screen(HistoryScreen(service=service))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
