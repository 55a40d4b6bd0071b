"""The opt-in secrets file: JSON, mode 0600 from the first byte, replaced atomically."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path


def read_secret_file(path: Path) -> dict[str, str]:
    """The stored secrets; an absent or unreadable file reads as empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_secret_file(path: Path, data: dict[str, str]) -> None:
    """Write via a temp file + fsync + rename, so a crash leaves the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # in case a stale temp file pre-existed with wider bits
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
