"""Profile and preferences: validation of every field, then one partial update per save.

Validators are plain functions returning the cleaned value or raising ProfileError with one
sentence and the field name, so the screen can point at the input at fault and keep the rest.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from interviewai_tui.auth.errors import ProfileError
from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import Experience, Theme
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.store.base import Store

RESUME_MAX_BYTES = 5 * 1024 * 1024
RESUME_TYPES = {".pdf": "PDF", ".docx": "DOCX", ".md": "Markdown", ".txt": "text"}
MAX_BIO = 1000
MAX_LINE = 200
MAX_SKILLS = 50
MAX_SKILL = 50
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def clean_text(value: str, *, field: str, limit: int, multiline: bool = False) -> str | None:
    """Trimmed text without control characters; empty becomes None."""
    allowed = "\n\t" if multiline else ""
    text = "".join(
        ch for ch in value if ch in allowed or unicodedata.category(ch)[0] != "C"
    ).strip()
    if len(text) > limit:
        raise ProfileError(f"{field.capitalize()} is too long (at most {limit} characters).", field)
    return text or None


def validate_website(value: str) -> str | None:
    """An http(s) URL with a host; "example.com" is taken as https://example.com."""
    text = value.strip()
    if not text:
        return None
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    host = parts.hostname or ""
    ok = (
        parts.scheme in ("http", "https")
        and host
        and ("." in host or host == "localhost")
        and not any(ch.isspace() for ch in text)
        and "@" not in parts.netloc  # user:password@ in a profile link is a phishing trick
        and len(text) <= 2048
    )
    if not ok:
        raise ProfileError("Website must be a web address such as https://example.com.", "website")
    return text


def parse_skills(value: str) -> list[str]:
    """Comma-separated skills, trimmed, without duplicates (case-insensitive), order kept."""
    skills: list[str] = []
    seen: set[str] = set()
    for raw in value.split(","):
        skill = clean_text(raw, field="skill", limit=MAX_SKILL)
        if skill and skill.casefold() not in seen:
            seen.add(skill.casefold())
            skills.append(skill)
    if len(skills) > MAX_SKILLS:
        raise ProfileError(f"At most {MAX_SKILLS} skills, please.", "skills")
    return skills


def validate_experience(value: str | None) -> Experience | None:
    if not value:
        return None
    try:
        return Experience(value)
    except ValueError:
        raise ProfileError("Experience must be junior, mid or senior.", "experience") from None


@cache
def timezone_names() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


@cache
def _timezones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in timezone_names()}


def validate_timezone(value: str) -> str:
    """The canonical IANA name: ``europe/paris`` (as the form's case-blind suggester offers
    it) is stored as ``Europe/Paris``."""
    name = value.strip()
    if name in timezone_names():
        return name
    canonical = _timezones_by_folded_name().get(name.casefold())
    if canonical is None:
        raise ProfileError(
            f"Unknown time zone {name[:40]!r}; use a name such as Europe/Paris or UTC.", "timezone"
        )
    return canonical


def validate_language(value: str) -> str:
    code = value.strip()
    if not _LANGUAGE.match(code):
        raise ProfileError("Language must be a code such as en, fr or pt-BR.", "language")
    return code


def validate_resume(value: str) -> Path:
    """A readable PDF, DOCX, Markdown or text file of at most 5 MB."""
    path = Path(value.strip()).expanduser()
    kind = RESUME_TYPES.get(path.suffix.lower())
    if kind is None:
        raise ProfileError("Resume must be a PDF, DOCX, MD or TXT file.", "resume")
    try:
        if not path.is_file():
            raise ProfileError(f"No file at {str(path)[:80]}.", "resume")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ProfileError(f"Cannot read the file ({exc.strerror or 'error'}).", "resume") from None
    if size > RESUME_MAX_BYTES:
        raise ProfileError("Resume is larger than 5 MB.", "resume")
    if size == 0:
        raise ProfileError("Resume file is empty.", "resume")
    # A renamed file would confuse whoever opens it later: check the signature too.
    if kind == "PDF" and not head.startswith(b"%PDF-"):
        raise ProfileError("This file does not look like a PDF.", "resume")
    if kind == "DOCX" and not head.startswith(b"PK\x03\x04"):
        raise ProfileError("This file does not look like a DOCX document.", "resume")
    return path.resolve()


class ProfileService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    async def update_profile(
        self,
        user_id: str,
        *,
        name: str,
        bio: str,
        location: str,
        website: str,
        skills: str,
        experience: str | None,
    ) -> PublicUser:
        """Validate every field first, then save them together (nothing half-saved)."""
        clean_name = clean_text(name, field="name", limit=MAX_LINE)
        if not clean_name:
            raise ProfileError("Name cannot be empty.", "name")
        changes: dict[str, object] = {
            "name": clean_name,
            "profile.bio": clean_text(bio, field="bio", limit=MAX_BIO, multiline=True),
            "profile.location": clean_text(location, field="location", limit=MAX_LINE),
            "profile.website": validate_website(website),
            "profile.skills": parse_skills(skills),
            "profile.experience": validate_experience(experience),
        }
        return await self._save(user_id, changes)

    async def update_preferences(
        self, user_id: str, *, theme: str, notifications: bool, language: str, timezone: str
    ) -> PublicUser:
        try:
            theme_v = Theme(theme)
        except ValueError:
            raise ProfileError("Theme must be light or dark.", "theme") from None
        changes: dict[str, object] = {
            "preferences.theme": theme_v,
            "preferences.notifications": bool(notifications),
            "preferences.language": validate_language(language),
            "preferences.timezone": validate_timezone(timezone),
        }
        return await self._save(user_id, changes)

    async def set_theme(self, user_id: str, theme: str) -> PublicUser:
        """Just the theme, saved as soon as it is picked (it applies at once)."""
        try:
            theme_v = Theme(theme)
        except ValueError:
            raise ProfileError("Theme must be light or dark.", "theme") from None
        return await self._save(user_id, {"preferences.theme": theme_v})

    async def attach_resume(self, user_id: str, path: str) -> PublicUser:
        found = validate_resume(path)
        resume = {"filename": found.name, "url": str(found), "uploadedAt": self.clock.now()}
        return await self._save(user_id, {"profile.resume": resume})

    async def remove_resume(self, user_id: str) -> PublicUser:
        return await self._save(user_id, {"profile.resume": None})

    async def _save(self, user_id: str, changes: dict[str, object]) -> PublicUser:
        user = await self.store.users.update(user_id=user_id, changes=changes)
        return user.public()
