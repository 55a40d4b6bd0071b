"""The backup file: a ZIP archive holding `manifest.json` and one gzip'd JSONL file per collection.

    manifest.json                      format, versions, time, source, and per collection:
                                       file, document count, SHA-256 and size of the JSONL
    collections/<name>.jsonl.gz        one document per line, MongoDB Extended JSON (relaxed)

ZIP because its central directory sits at the end (a truncated file is recognised at once) and
every member carries a CRC; gzip'd JSONL because `zcat users.jsonl.gz | mongoimport` works as is.
Checksums are over the uncompressed JSONL, which is the same whichever engine wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewai_tui.ops.extjson import ExtJsonError, decode_line

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST",
    "BackupError",
    "CollectionEntry",
    "Manifest",
    "iter_blocks",
    "iter_documents",
    "iter_lines",
    "member_name",
    "open_backup",
    "read_manifest",
]

FORMAT = "interviewai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """The backup file cannot be used; ``str()`` is one sentence saying why."""


@dataclass(frozen=True, slots=True)
class CollectionEntry:
    name: str
    file: str
    count: int
    sha256: str
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file": self.file,
            "count": self.count,
            "sha256": self.sha256,
            "bytes": self.bytes,
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    schema_version: int
    app_version: str
    created_at: str
    engine: str
    source: str
    collections: list[CollectionEntry] = field(default_factory=list)
    format_version: int = FORMAT_VERSION

    @property
    def total(self) -> int:
        return sum(c.count for c in self.collections)

    def entry(self, name: str) -> CollectionEntry | None:
        return next((c for c in self.collections if c.name == name), None)

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "formatVersion": self.format_version,
            "schemaVersion": self.schema_version,
            "appVersion": self.app_version,
            "createdAt": self.created_at,
            "source": {"engine": self.engine, "description": self.source},
            "collections": [c.to_json() for c in self.collections],
        }
        return json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


def member_name(collection: str) -> str:
    return f"collections/{collection}.jsonl.gz"


def open_backup(path: Path) -> zipfile.ZipFile:
    """Open a backup for reading.

    Raises:
        BackupError: missing, unreadable, truncated or not a ZIP archive.
    """
    try:
        return zipfile.ZipFile(path, "r")
    except FileNotFoundError:
        raise BackupError(f"The backup file {path} does not exist.") from None
    except IsADirectoryError:
        raise BackupError(f"{path} is a folder, not a backup file.") from None
    except PermissionError:
        raise BackupError(f"The backup file {path} cannot be read (permission denied).") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BackupError(
            f"{path} is not an InterviewAI backup, or it is truncated or damaged."
        ) from None


def _entry(raw: Any, index: int) -> CollectionEntry:
    try:
        entry = CollectionEntry(
            name=str(raw["name"]),
            file=str(raw["file"]),
            count=int(raw["count"]),
            sha256=str(raw["sha256"]),
            bytes=int(raw["bytes"]),
        )
    except (KeyError, TypeError, ValueError):
        raise BackupError(f"The manifest's collection entry {index + 1} is malformed.") from None
    if entry.count < 0 or entry.file != member_name(entry.name):
        raise BackupError(f"The manifest's entry for {entry.name} is malformed.")
    return entry


def read_manifest(archive: zipfile.ZipFile, *, supported_schema: int) -> Manifest:
    """The manifest, checked for format and versions this program understands.

    Raises:
        BackupError: no manifest, malformed, or written by a newer version.
    """
    try:
        body = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("The file has no manifest; it is not an InterviewAI backup.") from None
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError):
        raise BackupError("The backup's manifest is damaged.") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise BackupError("The file is not an InterviewAI backup (unknown manifest format).")
    try:
        format_version = int(body["formatVersion"])
        schema_version = int(body["schemaVersion"])
        source = body.get("source") or {}
        manifest = Manifest(
            schema_version=schema_version,
            app_version=str(body.get("appVersion", "?")),
            created_at=str(body.get("createdAt", "?")),
            engine=str(source.get("engine", "?")),
            source=str(source.get("description", "?")),
            collections=[_entry(c, i) for i, c in enumerate(body["collections"])],
            format_version=format_version,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BackupError("The backup's manifest is malformed.") from None
    if format_version > FORMAT_VERSION or schema_version > supported_schema:
        raise BackupError(
            f"The backup was written by a newer InterviewAI ({manifest.app_version}); "
            "upgrade to restore it."
        )
    return manifest


def iter_blocks(
    archive: zipfile.ZipFile, entry: CollectionEntry, *, chunk: int = 1 << 20
) -> Iterator[bytes]:
    """The uncompressed JSONL of one collection in blocks (whole lines not guaranteed),
    checking size, line count and SHA-256 at the end.

    Raises:
        BackupError: the member is missing, damaged, or does not match the manifest.
    """
    digest = hashlib.sha256()
    size = count = 0
    last = b"\n"
    where = f"the backup's {entry.name} data"
    try:
        with archive.open(entry.file) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as data:
            while block := data.read(chunk):
                digest.update(block)
                size += len(block)
                count += block.count(b"\n")
                last = block[-1:]
                yield block
    except KeyError:
        raise BackupError(f"The backup has no file for {entry.name}; it is incomplete.") from None
    except (zipfile.BadZipFile, zlib.error, gzip.BadGzipFile, EOFError, OSError):
        raise BackupError(f"{where.capitalize()} is damaged or truncated.") from None
    if last != b"\n":
        raise BackupError(f"{where.capitalize()} ends in the middle of a document.")
    if count != entry.count or size != entry.bytes or digest.hexdigest() != entry.sha256:
        raise BackupError(
            f"{where.capitalize()} does not match its checksum; the file was altered or damaged."
        )


def iter_lines(archive: zipfile.ZipFile, entry: CollectionEntry) -> Iterator[bytes]:
    """The JSONL lines of one collection (checked as in `iter_blocks`)."""
    pending = b""
    for block in iter_blocks(archive, entry):
        *lines, pending = (pending + block).split(b"\n")
        yield from lines


def iter_documents(
    archive: zipfile.ZipFile, entry: CollectionEntry, *, for_validation: bool = False
) -> Iterator[dict[str, Any]]:
    """Decoded stored-form documents of one collection (checked as in `iter_lines`);
    `for_validation` as in `decode_line`."""
    for number, line in enumerate(iter_lines(archive, entry), start=1):
        try:
            yield decode_line(line, for_validation=for_validation)
        except ExtJsonError as exc:
            raise BackupError(
                f"Document {number} of {entry.name} in the backup is {exc}."
            ) from None
