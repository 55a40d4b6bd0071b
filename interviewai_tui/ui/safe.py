"""Make untrusted text safe to put on screen.

Rich and Textual strip only a handful of control characters, so ESC- and C1-introduced
sequences (clipboard writes via OSC 52, hyperlinks via OSC 8, screen clears, colour changes)
would reach the terminal unchanged. Every string that did not come from this program's own
source (AI output, answers, error messages, imported questions, user names) goes through
``clean`` before display, and is rendered as ``Content`` so it is never parsed as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.content import Content

# ST (string terminator) is ESC \ or the C1 byte 0x9C; OSC may also end with BEL.
_ST = r"(?:\x1b\\|\x9c)"

_SEQUENCES = re.compile(
    "|".join(
        (
            # OSC: ESC ] or C1 0x9D, payload, terminated by BEL or ST.
            rf"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|{_ST})",
            # DCS, SOS, PM, APC: ESC P/X/^/_ or C1 0x90/0x98/0x9E/0x9F, payload, ST.
            rf"(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*{_ST}",
            # CSI: ESC [ or C1 0x9B, parameter bytes, intermediate bytes, one final byte.
            r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]",
            # Any other escape sequence: ESC, intermediates, one final byte (ESC c, ESC ( B...).
            r"\x1b[\x20-\x2f]*[\x30-\x7e]",
        )
    )
)
# Whatever is left of C0 (except \t and \n), DEL and C1 -- including lone ESC bytes and the
# introducers of unterminated strings, whose payload is then plain, harmless text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Return ``text`` without terminal control sequences or control characters.

    Keeps newlines and tabs; ``\\r\\n`` becomes ``\\n``. Markup-like text such as ``[bold]``
    is kept verbatim: rendering it without markup is the job of ``safe_text``.
    """
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _SEQUENCES.sub("", text))


def one_line(text: str, limit: int = 200) -> str:
    """``clean`` text folded onto one line and shortened to ``limit`` characters."""
    flat = " ".join(clean(text).split())
    if len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def safe_text(text: str) -> Content:
    """Untrusted text as ``Content``: control sequences removed, never parsed as markup."""
    from textual.content import Content

    return Content(clean(text))
