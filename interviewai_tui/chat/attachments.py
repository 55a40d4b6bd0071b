"""Attaching a text, code or image file to a chat message.

The file's text becomes part of the message (in a fenced block after what the user typed), so
the conversation stays complete in the store, in exports and on later turns, and the
attachment record keeps its type, name, size and where it came from. An image (PNG, JPEG, GIF
or WebP, known by its bytes, not its name) goes to the model as image data; only a line
saying it was attached is stored. Other binary files are refused, and so are images when the
chosen provider cannot take them (with the reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from interviewai_tui.ai.base import MAX_IMAGE_BYTES, ImagePart
from interviewai_tui.ai.images import IMAGE_TYPE_NAMES, other_image_format, sniff_image_type
from interviewai_tui.chat.context import IMAGE_TOKENS, estimate_tokens
from interviewai_tui.chat.errors import AttachmentError
from interviewai_tui.domain.chats import Attachment
from interviewai_tui.domain.common import AttachmentType

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "MAX_IMAGE_BYTES",
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
_IMAGE_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif",
}  # fmt: skip
_BACKTICKS = re.compile(r"`+")


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True, slots=True)
class PreparedAttachment:
    """A file read and checked, ready to go with the next message."""

    attachment: Attachment
    text: str
    language: str
    tokens: int
    image: ImagePart | None = None  # the bytes sent with the message (never stored)

    @property
    def filename(self) -> str:
        return self.attachment.filename or "file"

    def summary(self) -> str:
        """``notes.md · 3.1 KB · ≈ 780 tokens`` (shown before sending); for an image, its
        kind too and what an image usually costs in tokens."""
        size = format_size(self.attachment.size or 0)
        if self.image is not None:
            kind = IMAGE_TYPE_NAMES[self.image.media_type]
            return f"{self.filename} · {size} · {kind} image · ≈ {self.tokens:,} tokens"
        return f"{self.filename} · {size} · ≈ {self.tokens:,} tokens"

    def block(self) -> str:
        """The file as Markdown: a bold caption and a fence no line of the file can close.
        For an image, the caption alone: the stored message says an image was attached."""
        if self.image is not None:
            name = self.filename.replace("`", "'")
            kind = IMAGE_TYPE_NAMES[self.image.media_type]
            size = format_size(self.attachment.size or 0)
            return f"**Attached image: `{name}` ({kind}, {size})**"
        longest = max((len(m) for m in _BACKTICKS.findall(self.text)), default=0)
        fence = "`" * max(3, longest + 1)
        name = self.filename.replace("`", "'")
        size = format_size(self.attachment.size or 0)
        body = self.text if self.text.endswith("\n") else self.text + "\n"
        return f"**Attached file: `{name}` ({size})**\n\n{fence}{self.language}\n{body}{fence}"


def _image(target: Path, head: bytes, handle: BinaryIO, size: int) -> PreparedAttachment:
    """A PNG/JPEG/GIF/WebP file (its type already sniffed) read whole, up to 5 MB."""
    shown = target.name or str(target)
    if size > MAX_IMAGE_BYTES:
        raise AttachmentError(
            f"{shown} is {format_size(size)}; images up to {format_size(MAX_IMAGE_BYTES)} "
            "can be attached."
        )
    data = head + handle.read(MAX_IMAGE_BYTES + 1 - len(head))
    if len(data) > MAX_IMAGE_BYTES:  # the file grew while being read
        raise AttachmentError(f"{shown} is larger than {format_size(MAX_IMAGE_BYTES)}.")
    media = sniff_image_type(head)
    assert media is not None  # the caller checked
    attachment = Attachment(
        type=AttachmentType.IMAGE, url=target.resolve().as_uri(), filename=target.name,
        size=len(data),
    )  # fmt: skip
    return PreparedAttachment(attachment, "", "", IMAGE_TOKENS, ImagePart(data, media))


def _not_sendable_image(target: Path, head: bytes) -> str | None:
    """Why a file that is, or is named like, an image of another kind cannot be attached."""
    shown = target.name or str(target)
    other = other_image_format(head)
    if other is not None:
        return f"{shown} is a {other} image; only PNG, JPEG, GIF and WebP images can be attached."
    if target.suffix.lower() in _IMAGE_SUFFIXES:
        return (
            f"{shown} is named like an image but its contents are not a PNG, JPEG, GIF or "
            "WebP image."
        )
    return None


def prepare_attachment(
    path: str | Path, *, image_reason: str | None = None, limit: int = MAX_ATTACHMENT_BYTES
) -> PreparedAttachment:
    """Read and check a file (blocking; the service runs it in a thread).

    Args:
        path: the file, ``~`` allowed.
        image_reason: why images cannot be sent with the chosen provider, or None if they can.
        limit: the largest text file accepted, in bytes (images: up to 5 MB).

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
            if sniff_image_type(head) is not None:
                if image_reason is not None:
                    raise AttachmentError(image_reason)
                return _image(target, head, handle, size)
            refusal = _not_sendable_image(target, head)
            if refusal is not None:
                raise AttachmentError(refusal)
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
