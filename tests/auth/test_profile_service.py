from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from interviewai_tui.auth import profile
from interviewai_tui.auth.errors import ProfileError
from interviewai_tui.auth.service import AuthService
from interviewai_tui.domain.common import Experience, Theme
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD, NOW


@pytest.fixture
async def user_id(auth: AuthService) -> str:
    user = await auth.register(email="jane@example.com", name="Jane", password=GOOD_PASSWORD)
    return user.id


async def test_profile_saved_with_stored_names(auth: AuthService, store: Store, user_id: str):
    updated = await auth.profile.update_profile(
        user_id,
        name="  Jane  Q. Doe ",
        bio="Backend engineer.\nLikes queues.",
        location="Lyon",
        website="jane.dev",
        skills="Python, SQL,  python , Kafka,",
        experience="senior",
    )
    assert updated.name == "Jane  Q. Doe"
    assert updated.profile.website == "https://jane.dev"
    assert updated.profile.skills == ["Python", "SQL", "Kafka"]
    assert updated.profile.experience == Experience.SENIOR
    stored = await store.users.get(user_id=user_id)
    assert stored is not None
    doc = stored.model_dump(by_alias=True)
    assert doc["profile"]["bio"] == "Backend engineer.\nLikes queues."
    assert doc["profile"]["skills"] == ["Python", "SQL", "Kafka"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "web address"),
        ("website", "ftp://example.com", "web address"),
        ("website", "https://user:pw@example.com", "web address"),
        ("website", "https://exa mple.com", "web address"),
        ("website", "https://nodot", "web address"),
        ("name", "   ", "Name cannot be empty"),
        ("bio", "x" * 1001, "Bio is too long"),
        ("location", "y" * 201, "Location is too long"),
        ("experience", "wizard", "junior, mid or senior"),
        ("skills", ",".join(f"s{i}" for i in range(51)), "At most 50 skills"),
    ],
)
async def test_bad_profile_input_changes_nothing(
    auth: AuthService, store: Store, user_id: str, field: str, value: str, message: str
):
    values = {
        "name": "Jane",
        "bio": "",
        "location": "",
        "website": "",
        "skills": "",
        "experience": None,
    }
    values[field] = value
    before = await store.users.get(user_id=user_id)
    with pytest.raises(ProfileError) as info:
        await auth.profile.update_profile(user_id, **values)  # type: ignore[arg-type]
    assert message in info.value.message and info.value.field == field
    assert await store.users.get(user_id=user_id) == before


async def test_control_characters_are_removed(auth: AuthService, user_id: str):
    updated = await auth.profile.update_profile(
        user_id,
        name="Jane\x1b[31m",
        bio="ok\x07\n",
        location="",
        website="",
        skills="",
        experience="",
    )
    assert updated.name == "Jane[31m" and updated.profile.bio == "ok"


async def test_preferences(auth: AuthService, user_id: str):
    updated = await auth.profile.update_preferences(
        user_id, theme="dark", notifications=False, language="pt-BR", timezone="Europe/Paris"
    )
    prefs = updated.preferences
    assert (prefs.theme, prefs.notifications) == (Theme.DARK, False)
    assert (prefs.language, prefs.timezone) == ("pt-BR", "Europe/Paris")


async def test_time_zone_in_any_case_is_stored_canonical(auth: AuthService, user_id: str):
    updated = await auth.profile.update_preferences(
        user_id, theme="dark", notifications=True, language="en", timezone=" europe/PARIS "
    )
    assert updated.preferences.timezone == "Europe/Paris"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"language": "english!"}, "language"),
        ({"theme": "neon"}, "theme"),
    ],
)
async def test_bad_preferences(auth: AuthService, user_id: str, kwargs: dict[str, str], field: str):
    values: dict[str, object] = {
        "theme": "light",
        "notifications": True,
        "language": "en",
        "timezone": "UTC",
    }
    values.update(kwargs)
    with pytest.raises(ProfileError) as info:
        await auth.profile.update_preferences(user_id, **values)  # type: ignore[arg-type]
    assert info.value.field == field


async def test_resume_attach_and_remove(auth: AuthService, user_id: str, tmp_path: Path):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 1000)
    updated = await auth.profile.attach_resume(user_id, str(pdf))
    resume = updated.profile.resume
    assert resume is not None
    assert (resume.filename, resume.url) == ("cv.pdf", str(pdf.resolve()))
    assert resume.uploaded_at == NOW.astimezone(UTC) and isinstance(resume.uploaded_at, datetime)
    cleared = await auth.profile.remove_resume(user_id)
    assert cleared.profile.resume is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.exe", b"MZ", "PDF, DOCX, MD or TXT"),
        ("cv.pdf", b"hello", "does not look like a PDF"),
        ("cv.docx", b"%PDF-1.4", "does not look like a DOCX"),
        ("cv.txt", b"", "empty"),
        ("big.md", b"#" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        ("missing.txt", None, "No file at"),
    ],
    ids=["exe", "fake-pdf", "fake-docx", "empty", "too-big", "missing"],
)
def test_resume_checks(tmp_path: Path, name: str, content: bytes | None, message: str):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ProfileError, match=message):
        profile.validate_resume(str(path))


def test_resume_at_exactly_5mb_is_fine(tmp_path: Path):
    path = tmp_path / "cv.md"
    path.write_bytes(b"#" * (5 * 1024 * 1024))
    assert profile.validate_resume(str(path)) == path.resolve()
