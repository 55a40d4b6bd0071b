"""The security sections of the profile screen: password, two-factor sign-in, API keys."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select, Static

from interviewai_tui.ui.labels import provider_label
from interviewai_tui.ui.safe import safe_text
from interviewai_tui.ui.screens.profile_dialogs import RecoveryCodesDialog, TwoFactorDialog
from interviewai_tui.ui.screens.profile_parts import Section, labelled
from interviewai_tui.ui.screens.sign_in import FormMessage
from interviewai_tui.ui.widgets.password import PasswordField

PROVIDERS = ("openai", "anthropic", "gemini", "deepseek")
WHERE = {
    "keyring": "system keyring",
    "file": "secrets file",
    "memory": "this session only",
    "environment": "environment variable",
}


class PasswordSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {"change-password": "change_password"}

    def compose(self) -> ComposeResult:
        yield Static("Password", classes="section-title")
        yield Label("Current password", classes="field-label")
        yield PasswordField(input_id="current-password")
        yield Label("New password", classes="field-label")
        yield PasswordField(input_id="new-password")
        yield Label("Repeat the new password", classes="field-label")
        yield PasswordField(input_id="confirm-password")
        yield FormMessage(classes="form-message", id="password-message")
        yield Button("Change password", id="change-password")

    @on(Input.Changed, "#new-password")
    def _hint(self, event: Input.Changed) -> None:
        services = self.iapp.ready_services()
        if not event.value or self.iapp.user is None or services is None:
            self.message("")
            return
        problem = services.auth.password_problem(self.user.email, event.value)
        self.message(problem or "This password is acceptable.", "warning" if problem else "success")

    @work(exclusive=True, exit_on_error=False, group="password")
    async def change_password(self) -> None:
        current = self.query_one("#current-password", Input)
        new = self.query_one("#new-password", Input)
        confirm = self.query_one("#confirm-password", Input)
        if not current.value:
            self.message("Enter your current password.")
            current.focus()
            return
        if new.value != confirm.value:
            self.message("The new passwords differ.")
            confirm.focus()
            return

        async def change() -> None:
            auth = await self.auth()
            await auth.change_password(user_id=self.user.id, current=current.value, new=new.value)
            with self.prevent(Input.Changed):  # keep the success line, not the hint
                for input_ in (current, new, confirm):
                    input_.clear()

        await self.run(change(), "Password changed; other remembered sign-ins were ended.")


class TwoFactorSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {"enable-2fa": "enable", "disable-2fa": "disable"}

    def compose(self) -> ComposeResult:
        yield Static("Two-factor sign-in", classes="section-title")
        yield Static("", id="twofa-status")
        yield Label("Password (to turn it off)", classes="field-label", id="twofa-label")
        yield PasswordField(input_id="twofa-password", id="twofa-password-field")
        yield FormMessage(classes="form-message", id="twofa-message")
        with Horizontal(classes="profile-actions"):
            yield Button("Turn on", id="enable-2fa")
            yield Button("Turn off", id="disable-2fa")

    def show_state(self, enabled: bool) -> None:
        on_text = "On: sign-in asks for a code from your authenticator app."
        self.query_one("#twofa-status", Static).update(safe_text(on_text if enabled else "Off."))
        self.query_one("#enable-2fa").display = not enabled
        for selector in ("#disable-2fa", "#twofa-label", "#twofa-password-field"):
            self.query_one(selector).display = enabled

    @work(exclusive=True, exit_on_error=False, group="2fa")
    async def enable(self) -> None:
        auth = await self.auth()
        try:
            enrolment = await auth.two_factor.begin(self.user.id)
        except Exception as error:
            self.refused(error)
            return
        dialog = TwoFactorDialog(enrolment, dark=self.app.current_theme.dark)
        codes = await self.app.push_screen_wait(dialog)
        if not codes:
            self.message("Two-factor sign-in was not turned on.", "info")
            return
        await self.app.push_screen_wait(RecoveryCodesDialog(codes))
        self.updated(self.user.model_copy(update={"two_factor_enabled": True}))
        self.show_state(True)
        self.message("Two-factor sign-in is on.", "success")

    @work(exclusive=True, exit_on_error=False, group="2fa")
    async def disable(self) -> None:
        password = self.query_one("#twofa-password", Input)

        async def turn_off() -> None:
            await (await self.auth()).two_factor.disable(self.user.id, password.value)
            password.clear()

        if await self.run(turn_off(), "Two-factor sign-in is off."):
            self.updated(self.user.model_copy(update={"two_factor_enabled": False}))
            self.show_state(False)


class KeysSection(Section):
    BUTTONS: ClassVar[dict[str, str]] = {
        "save-key": "save_key",
        "remove-key": "remove_key",
        "use-file": "use_file",
    }

    def compose(self) -> ComposeResult:
        yield Static("AI provider keys", classes="section-title")
        yield Static("", id="keys-status")
        yield Static("", id="keys-list")
        providers = [(provider_label(p), p) for p in PROVIDERS]
        yield from labelled(
            "Provider", Select(providers, id="key-provider", value="openai", allow_blank=False)
        )
        yield from labelled("Key", Input(id="key-value", password=True))
        yield FormMessage(classes="form-message", id="keys-message")
        with Horizontal(classes="profile-actions"):
            yield Button("Save key", id="save-key")
            yield Button("Remove key", id="remove-key")
            yield Button("Keep secrets in a file", id="use-file")

    def on_mount(self) -> None:
        self.query_one("#use-file").display = False
        self.refresh_keys()

    @work(exclusive=True, exit_on_error=False, group="keys")
    async def refresh_keys(self) -> None:
        secrets = (await self.auth()).secrets
        status = await secrets.status()
        if status.keyring_usable:
            text = "Keys are kept in the system keyring."
        else:
            where = f"the file {status.file_path}" if status.fallback == "file" else "memory only"
            text = f"{status.explanation} Keys go to {where}; OPENAI_API_KEY etc. also work."
        self.query_one("#keys-status", Static).update(safe_text(text))
        offer_file = not status.keyring_usable and status.fallback == "memory"
        self.query_one("#use-file").display = offer_file
        keys = await secrets.list_api_keys()
        lines = [f"{k.provider:<10} {k.masked:<9} ({WHERE[k.where]})" for k in keys]
        listing = "\n".join(lines) if lines else "No keys stored."
        self.query_one("#keys-list", Static).update(safe_text(listing))

    def _provider(self) -> str:
        return str(self.query_one("#key-provider", Select).value)

    @work(exclusive=True, exit_on_error=False, group="keys-change")
    async def save_key(self) -> None:
        field = self.query_one("#key-value", Input)
        provider = self._provider()
        try:
            saved = await (await self.auth()).secrets.set_api_key(provider, field.value)
        except Exception as error:
            self.refused(error)
            return
        field.clear()
        kept = saved.where in ("keyring", "file")
        self.message(
            f"{provider_label(provider)} key: {saved.message}", "success" if kept else "warning"
        )
        self.refresh_keys()

    @work(exclusive=True, exit_on_error=False, group="keys-change")
    async def remove_key(self) -> None:
        provider = self._provider()
        label = provider_label(provider)
        secrets = (await self.auth()).secrets
        found = await secrets.locate_api_key(provider)
        if found is None:
            self.message(f"No {label} key is stored.", "info")
            return
        if found[1] == "environment":
            self.message(
                f"The {label} key comes from an environment variable; unset it there.", "info"
            )
            return
        await secrets.delete_api_key(provider)
        left = await secrets.locate_api_key(provider)
        if left is not None and left[1] == "environment":
            self.message(
                f"Removed the stored {label} key; an environment variable still provides one.",
                "warning",
            )
        else:
            self.message(f"Removed the stored {label} key.", "success")
        self.refresh_keys()

    @work(exclusive=True, exit_on_error=False, group="keys-change")
    async def use_file(self) -> None:
        secrets = (await self.auth()).secrets
        secrets.use_file()
        self.message(f"Secrets will be kept in {secrets.file_path} (mode 0600).", "info")
        self.refresh_keys()
