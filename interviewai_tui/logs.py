"""The internal error log: a small rotating file in the user's state dir (TUI and CLI).

Failures shown to the user as one line are written here in full. While Textual owns the
terminal nothing may go to stderr, so the "interviewai" logger stops propagating once the
file is set up.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER = "interviewai"
FILE_NAME = "interviewai.log"


def configure_error_log(folder: Path | None = None) -> Path | None:
    """Send warnings and errors of the "interviewai" loggers to ``folder``/interviewai.log.

    Returns the file's path, or None when the folder cannot be written (then the log is
    dropped rather than printed over the screen).
    """
    logger = logging.getLogger(LOGGER)
    logger.propagate = False
    if folder is None:
        from interviewai_tui.paths import state_dir

        folder = state_dir()
    path = folder / FILE_NAME
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8", delay=True
        )
    except OSError:
        logger.addHandler(logging.NullHandler())
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return path


def log_internal_error(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected failure to the log; return the file's path.

    Secrets never reach it: settings hold no API keys, and store and provider errors mask
    passwords and keys before they are raised.
    """
    path = configure_error_log()
    logging.getLogger(f"{LOGGER}.internal").error(
        "internal error", exc_info=(type(exc), exc, exc.__traceback__)
    )
    return path
