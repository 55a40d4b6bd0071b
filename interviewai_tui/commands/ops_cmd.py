"""``interviewai backup FILE``, ``backup verify FILE``, ``restore FILE``, ``archive``.

The store is opened directly (not through the Container) because a restore must find the
target exactly as it is: the Container would load the question bank into an empty store first.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    run,
    settings_or_error,
)

if TYPE_CHECKING:
    from interviewai_tui.config import Settings
    from interviewai_tui.ops.backup_format import Manifest
    from interviewai_tui.ops.progress import Progress
    from interviewai_tui.store import Store


def register(command: CommandFactory) -> None:
    p = command(
        "backup",
        "write every collection to one compressed, checksummed file "
        "(`backup verify FILE` checks one)",
        _backup,
    )
    p.add_argument("target", nargs="+", metavar="FILE", help="FILE, or: verify FILE")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.add_argument(
        "--scratch",
        metavar="DIR",
        type=Path,
        help="verify: folder for the scratch store (default: the system temp folder)",
    )
    r = command("restore", "restore a backup file into the configured store", _restore)
    r.add_argument("file", metavar="FILE")
    r.add_argument(
        "--force", action="store_true", help="replace the content of a store that is not empty"
    )
    r.add_argument("--quiet", action="store_true", help="no progress output")
    a = command(
        "archive",
        "move old interviews and chats to the archive store; expire old analytics",
        _archive,
    )
    a.add_argument("--dry-run", action="store_true", help="only print what would change")
    a.add_argument("--batch-size", type=int, default=500, metavar="N", help=argparse.SUPPRESS)
    a.add_argument("--archive-url", metavar="URL", help="archive store (default: beside the store)")
    a.add_argument("--quiet", action="store_true", help="no progress output")


def _progress(args: argparse.Namespace) -> Progress:
    from interviewai_tui.ops.progress import NullProgress, TerminalProgress

    return NullProgress() if args.quiet else TerminalProgress(sys.stderr)


@asynccontextmanager
async def _main_store(settings: Settings, *, must_exist: bool) -> AsyncIterator[Store]:
    from interviewai_tui.store import open_store
    from interviewai_tui.store.factory import sqlite_path_from_url

    url = settings.resolved_database_url
    path = sqlite_path_from_url(url)
    if must_exist and path is not None and not path.exists():
        raise CommandError(f"There is no database at {path} yet; nothing to do.")
    if path is not None and path.parent == settings.data_dir:
        try:  # the default embedded store: its folder is created private to the user
            settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise CommandError(
                f"The data folder {settings.data_dir} cannot be created ({reason})."
            ) from None
    async with open_store(url) as store:
        yield store


def _size(path: Path) -> str:
    size = float(path.stat().st_size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""  # pragma: no cover


def _counts_text(manifest: Manifest) -> str:
    return ", ".join(f"{c.name} {c.count:,}" for c in manifest.collections)


# --- backup ------------------------------------------------------------------------------


def _backup(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    target: list[str] = args.target
    if target[0] == "verify":
        if len(target) != 2:
            print("usage: interviewai backup verify FILE", file=sys.stderr)
            return EXIT_USAGE
        return run(_verify(Path(target[1]), args))
    if len(target) != 1:
        print("usage: interviewai backup FILE  |  interviewai backup verify FILE", file=sys.stderr)
        return EXIT_USAGE
    return run(_write_backup(Path(target[0]), args, overrides))


async def _write_backup(dest: Path, args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.ops.backup import create_backup
    from interviewai_tui.ops.backup_format import BackupError

    settings = settings_or_error(overrides)
    started = time.perf_counter()
    async with _main_store(settings, must_exist=True) as store:
        try:
            manifest = await create_backup(store, dest, progress=_progress(args))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
    took = time.perf_counter() - started
    print(f"Backed up {manifest.total:,} documents ({_counts_text(manifest)})")
    print(f"to {dest} ({_size(dest)}) in {took:.1f} s.")
    return EXIT_OK


async def _verify(path: Path, args: argparse.Namespace) -> int:
    from interviewai_tui.ops.verify import verify_backup

    if args.scratch is not None and not args.scratch.is_dir():
        raise CommandError(f"The scratch folder {args.scratch} does not exist.", EXIT_USAGE)
    report = await verify_backup(path, workdir=args.scratch, progress=_progress(args))
    if report.problem is not None:
        raise CommandError(f"Backup NOT usable: {report.problem}")
    for check in report.checks:
        mark = "ok" if check.ok else "MISMATCH"
        print(f"{check.name:<14} {check.found_count:>9,} / {check.expected_count:>9,}  {mark}")
    if not report.ok:
        raise CommandError("Backup NOT verified: some collections differ from the manifest.")
    assert report.manifest is not None
    m = report.manifest
    print(f"Backup verified: written {m.created_at} by InterviewAI {m.app_version} ({m.engine}).")
    return EXIT_OK


# --- restore -----------------------------------------------------------------------------


def _restore(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    return run(_restore_async(Path(args.file), args, overrides))


async def _restore_async(path: Path, args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.ops.backup_format import BackupError
    from interviewai_tui.ops.restore import RestoreFailedError, restore_backup

    settings = settings_or_error(overrides)
    async with _main_store(settings, must_exist=False) as store:
        try:
            report = await restore_backup(store, path, force=args.force, progress=_progress(args))
        except RestoreFailedError as exc:
            raise CommandError(str(exc)) from None
        except BackupError as exc:
            raise CommandError(f"{exc} Nothing was restored.") from None
        where = store.describe()
    if report.cleared:
        print(f"Removed {report.cleared:,} documents that were in the store.")
    written = ", ".join(f"{name} {n:,}" for name, n in report.written.items())
    print(f"Restored {sum(report.written.values()):,} documents ({written}) into {where}.")
    return EXIT_OK


# --- archive -----------------------------------------------------------------------------


def _archive(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    if args.batch_size < 1:
        print("interviewai: --batch-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    return run(_archive_async(args, overrides))


async def _archive_async(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.commands.doctor import mask_url
    from interviewai_tui.ops.archive import ArchivePolicy, Archiver
    from interviewai_tui.ops.archive_store import archive_url_for
    from interviewai_tui.store import open_store

    settings = settings_or_error(overrides)
    archive_url = args.archive_url or archive_url_for(settings.resolved_database_url)
    policy = ArchivePolicy(batch_size=args.batch_size)
    async with _main_store(settings, must_exist=True) as store:
        if args.dry_run:  # reads the main store only; creates no archive
            report = await Archiver(store, None, policy=policy).run(dry_run=True)
            where = mask_url(archive_url)
        else:
            async with open_store(archive_url) as archive:
                archiver = Archiver(store, archive, policy=policy, progress=_progress(args))
                report = await archiver.run()
                where = archive.describe()
    verb = "Would move" if report.dry_run else "Moved"
    day = {name: cutoff.date().isoformat() for name, cutoff in report.cutoffs.items()}
    print(
        f"{verb} {report.interviews:,} completed interviews created before "
        f"{day['interviews']} and {report.chats:,} chat sessions last active before "
        f"{day['chatSessions']} to {where}."
    )
    verb = "Would delete" if report.dry_run else "Deleted"
    print(
        f"{verb} {report.analytics_expired:,} analytics periods before {day['analytics']} and "
        f"{report.sessions_purged:,} expired remembered sign-ins."
    )
    return EXIT_OK
