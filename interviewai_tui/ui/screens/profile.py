"""Profile & settings: profile, resume, preferences, password, two-factor and API keys.

Each section validates on its own and shows one line under its inputs; a refused value keeps
everything typed. The services come from the app's container (auth.profile, auth.two_factor,
auth.secrets); all their work runs in workers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, Switch, TextArea

from interviewai_tui.ui import themes
from interviewai_tui.ui.safe import safe_text
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.screens.profile_parts import Section, labelled
from interviewai_tui.ui.screens.profile_security import (
    KeysSection,
    PasswordSection,
    TwoFactorSection,
)
from interviewai_tui.ui.screens.sign_in import FormMessage
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from interviewai_tui.domain.users import PublicUser

EXPERIENCE = [("Junior", "junior"), ("Mid", "mid"), ("Senior", "senior")]


class ProfileSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {"save-profile": "save"}

    def compose(self) -> ComposeResult:
        yield Static("Profile", classes="section-title")
        yield from labelled("Name", Input(id="name"))
        yield from labelled("Bio", TextArea(id="bio", soft_wrap=True, show_line_numbers=False))
        yield from labelled("Location", Input(id="location"))
        yield from labelled("Website", Input(id="website", placeholder="https://…"))
        yield from labelled("Skills, separated by commas", Input(id="skills"))
        yield from labelled("Experience", Select(EXPERIENCE, id="experience"))
        yield FormMessage(classes="form-message", id="profile-message")
        yield Button("Save profile", id="save-profile", variant="primary")

    def fill(self, user: PublicUser) -> None:
        profile = user.profile
        self.query_one("#name", Input).value = user.name
        self.query_one("#bio", TextArea).text = profile.bio or ""
        self.query_one("#location", Input).value = profile.location or ""
        self.query_one("#website", Input).value = profile.website or ""
        self.query_one("#skills", Input).value = ", ".join(profile.skills)
        experience = self.query_one("#experience", Select)
        if profile.experience is None:
            experience.clear()
        else:
            experience.value = str(profile.experience)

    @work(exclusive=True, exit_on_error=False, group="profile")
    async def save(self) -> None:
        experience = self.query_one("#experience", Select).value
        values = {
            "name": self.query_one("#name", Input).value,
            "bio": self.query_one("#bio", TextArea).text,
            "location": self.query_one("#location", Input).value,
            "website": self.query_one("#website", Input).value,
            "skills": self.query_one("#skills", Input).value,
        }

        async def save() -> None:
            profile = (await self.auth()).profile
            user = await profile.update_profile(
                self.user.id,
                experience=experience if isinstance(experience, str) else None,
                **values,
            )
            self.updated(user)
            self.fill(user)  # shows the cleaned values (https:// added, duplicates gone)

        await self.run(save(), "Profile saved.")


class ResumeSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {
        "attach-resume": "attach_resume",
        "remove-resume": "remove_resume",
    }

    def compose(self) -> ComposeResult:
        yield Static("Resume", classes="section-title")
        yield Static("", id="resume-current")
        yield from labelled("File path (PDF, DOCX, MD or TXT, up to 5 MB)", Input(id="resume"))
        yield FormMessage(classes="form-message", id="resume-message")
        with Horizontal(classes="profile-actions"):
            yield Button("Attach", id="attach-resume")
            yield Button("Remove", id="remove-resume")

    def fill(self, user: PublicUser) -> None:
        resume = user.profile.resume
        text = "No resume attached."
        if resume is not None and resume.filename:
            when = resume.uploaded_at.strftime("%Y-%m-%d") if resume.uploaded_at else "?"
            text = f"Attached: {resume.filename} (added {when})"
        self.query_one("#resume-current", Static).update(safe_text(text))

    @work(exclusive=True, exit_on_error=False, group="resume")
    async def attach_resume(self) -> None:
        path = self.query_one("#resume", Input)

        async def attach() -> None:
            user = await (await self.auth()).profile.attach_resume(self.user.id, path.value)
            path.clear()
            self.updated(user)
            self.fill(user)

        await self.run(attach(), "Resume attached.")

    @work(exclusive=True, exit_on_error=False, group="resume")
    async def remove_resume(self) -> None:
        async def remove() -> None:
            user = await (await self.auth()).profile.remove_resume(self.user.id)
            self.updated(user)
            self.fill(user)

        await self.run(remove(), "Resume removed.")


class PreferencesSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {"save-prefs": "save"}

    def compose(self) -> ComposeResult:
        yield Static("Preferences", classes="section-title")
        choices = [("Light", "light"), ("Dark", "dark")]
        # Built with the saved value: a Select set after mounting reports a change.
        user = self.iapp.user
        current = str(user.preferences.theme) if user is not None else "light"
        theme = Select(choices, id="theme", allow_blank=False, value=current)
        yield from labelled("Theme", theme)
        with Horizontal(classes="switch-row"):
            yield Switch(id="notifications")
            yield Label("Notifications", classes="switch-label")
        yield from labelled("Language", Input(id="language", placeholder="en"))
        from interviewai_tui.auth.profile import timezone_names

        suggest = SuggestFromList(sorted(timezone_names()), case_sensitive=False)
        zone = Input(id="timezone", placeholder="UTC", suggester=suggest)
        yield from labelled("Time zone (e.g. Europe/Paris)", zone)
        yield FormMessage(classes="form-message", id="prefs-message")
        yield Button("Save preferences", id="save-prefs")

    def fill(self, user: PublicUser) -> None:
        prefs = user.preferences
        self.query_one("#theme", Select).value = str(prefs.theme)
        self.query_one("#notifications", Switch).value = prefs.notifications
        self.query_one("#language", Input).value = prefs.language
        self.query_one("#timezone", Input).value = prefs.timezone

    @on(Select.Changed, "#theme")
    def _theme_picked(self, event: Select.Changed) -> None:
        # Mounting and filling the form in also send Changed (sometimes late, with a value
        # already replaced): only a current value that differs from the saved one counts.
        value = event.value
        stale = value != event.select.value
        if isinstance(value, str) and not stale and value != str(self.user.preferences.theme):
            self.app.theme = themes.theme_for_preference(value)  # applies at once
            self.save_theme(value)

    @work(exclusive=True, exit_on_error=False, group="theme")
    async def save_theme(self, theme: str) -> None:
        self.updated(await (await self.auth()).profile.set_theme(self.user.id, theme))

    @work(exclusive=True, exit_on_error=False, group="prefs")
    async def save(self) -> None:
        async def save() -> None:
            user = await (await self.auth()).profile.update_preferences(
                self.user.id,
                theme=str(self.query_one("#theme", Select).value),
                notifications=self.query_one("#notifications", Switch).value,
                language=self.query_one("#language", Input).value,
                timezone=self.query_one("#timezone", Input).value,
            )
            self.updated(user)

        await self.run(save(), "Preferences saved.")


class ProfileScreen(AppScreen[None]):
    """The signed-in user's profile and settings."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Profile & settings"
    AUTO_FOCUS = "#name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "save_profile", "Save profile"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="profile-scroll"):
            yield ProfileSection(id="section-profile")
            yield ResumeSection(id="section-resume")
            yield PreferencesSection(id="section-prefs")
            yield PasswordSection(id="section-password")
            yield TwoFactorSection(id="section-2fa")
            yield KeysSection(id="section-keys")
        yield KeyHints()

    def on_mount(self) -> None:
        user = self.iapp.user
        if user is None:
            return
        self.query_one(ProfileSection).fill(user)
        self.query_one(ResumeSection).fill(user)
        self.query_one(PreferencesSection).fill(user)
        self.query_one(TwoFactorSection).show_state(user.two_factor_enabled)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_save_profile(self) -> None:
        self.query_one(ProfileSection).save()
