"""Attaching a text or code file to a chat message.

The file's text becomes part of the message (in a fenced block after what the user typed), so
the conversation stays complete in the store, in exports and on later turns, and the
attachment record keeps its type, name, size and where it came from. Binary files are refused;
images are refused with the reason unless the chosen provider can take them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interviewai_tui.chat.context import estimate_tokens
from interviewai_tui.chat.errors import AttachmentError
from interviewai_tui.domain.chats import Attachment
from interviewai_tui.domain.common import AttachmentType

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "PreparedAttachment",
    "compose_content",
    "format_size",
    "prepare_attachment",
]

MAX_ATTACHMENT_BYTES = 200 * 1024
_SNIFF = 8192

_CODE_LANGUAGES = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".ts": "typescript",
    ".tsx": "tsx", ".jsx": "jsx", ".java": "java", ".kt": "kotlin", ".go": "go", ".rs": "rust",
    ".c": "c", ".h": "c", ".cpp": "cpp", ".cc": "cpp", ".hpp": "cpp", ".cs": "csharp",
    ".rb": "ruby", ".php": "php", ".swift": "swift", ".scala": "scala", ".sql": "sql",
    ".sh": "bash", ".bash": "bash", ".zsh": "bash", ".ps1": "powershell", ".html": "html",
    ".css": "css", ".scss": "scss", ".vue": "vue", ".r": "r", ".lua": "lua", ".dart": "dart",
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".xml": "xml",
}  # fmt: skip
_TEXT_LANGUAGES = {".md": "markdown", ".markdown": "markdown", ".csv": "csv", ".ini": "ini"}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic"}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_BACKTICKS = re.compile(r"`+")


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB"


@dataclass(frozen=True, slots=True)
class PreparedAttachment:
    """A file read and checked, ready to go with the next message."""

    attachment: Attachment
    text: str
    language: str
    tokens: int

    @property
    def filename(self) -> str:
        return self.attachment.filename or "file"

    def summary(self) -> str:
        """``notes.md · 3.1 KB · ≈ 780 tokens`` (shown before sending)."""
        size = format_size(self.attachment.size or 0)
        return f"{self.filename} · {size} · ≈ {self.tokens:,} tokens"

    def block(self) -> str:
        """The file as Markdown: a bold caption and a fence no line of the file can close."""
        longest = max((len(m) for m in _BACKTICKS.findall(self.text)), default=0)
        fence = "`" * max(3, longest + 1)
        name = self.filename.replace("`", "'")
        size = format_size(self.attachment.size or 0)
        body = self.text if self.text.endswith("\n") else self.text + "\n"
        return f"**Attached file: `{name}` ({size})**\n\n{fence}{self.language}\n{body}{fence}"


def _is_image(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in _IMAGE_SUFFIXES:
        return True
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return True
    return any(head.startswith(magic) for magic in _IMAGE_MAGIC)


def prepare_attachment(
    path: str | Path, *, image_reason: str | None = None, limit: int = MAX_ATTACHMENT_BYTES
) -> PreparedAttachment:
    """Read and check a file (blocking; the service runs it in a thread).

    Args:
        path: the file, ``~`` allowed.
        image_reason: why images cannot be sent with the chosen provider, or None if they can.
        limit: the largest size accepted, in bytes.

    Raises:
        AttachmentError: with one sentence saying why the file cannot be attached.
    """
    target = Path(path).expanduser()
    shown = target.name or str(target)
    try:
        if target.is_dir():
            raise AttachmentError(f"{shown} is a folder; attach a single file.")
        size = target.stat().st_size
        with target.open("rb") as handle:
            head = handle.read(_SNIFF)
            if _is_image(target, head):
                if image_reason is not None:
                    raise AttachmentError(image_reason)
                raise AttachmentError("Images cannot be attached in this version.")
            if size > limit:
                raise AttachmentError(
                    f"{shown} is {format_size(size)}; files up to {format_size(limit)} "
                    "can be attached."
                )
            data = head + handle.read(limit + 1 - len(head))
    except FileNotFoundError:
        raise AttachmentError(f"There is no file at {target}.") from None
    except PermissionError:
        raise AttachmentError(f"{shown} cannot be read (permission denied).") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AttachmentError(f"{shown} cannot be read ({reason}).") from None
    if len(data) > limit:  # the file grew while being read
        raise AttachmentError(f"{shown} is larger than {format_size(limit)}.")
    if b"\x00" in data:
        raise AttachmentError(f"{shown} looks like a binary file; attach text or code only.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AttachmentError(
            f"{shown} is not UTF-8 text; attach text or code files only."
        ) from None
    suffix = target.suffix.lower()
    language = _CODE_LANGUAGES.get(suffix) or _TEXT_LANGUAGES.get(suffix, "")
    kind = AttachmentType.CODE if suffix in _CODE_LANGUAGES else AttachmentType.FILE
    attachment = Attachment(
        type=kind, url=target.resolve().as_uri(), filename=target.name, size=len(data)
    )
    return PreparedAttachment(attachment, text, language, estimate_tokens(text))


def compose_content(text: str, attachments: list[PreparedAttachment]) -> str:
    """What is stored and sent: the typed text, then each attached file."""
    parts = [text.strip()] if text.strip() else []
    parts.extend(a.block() for a in attachments)
    return "\n\n".join(parts)
