"""The one factory: builds settings, the store, providers and services for cli, app and tests.

Nothing heavy is imported at module import: the TUI creates a Container before its first
frame and calls ``open()`` in a worker afterwards, so pydantic-settings, the store drivers,
httpx, bcrypt and keyring load while the sign-in screen is already on screen.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interviewai_tui.admin.opstats import OperationLog
    from interviewai_tui.admin.wiring import AdminServices
    from interviewai_tui.ai.keys import KeyResolver
    from interviewai_tui.ai.records import CallRecorder
    from interviewai_tui.ai.router import Router
    from interviewai_tui.ai.runtime import AiRuntime
    from interviewai_tui.analytics.history import HistoryService
    from interviewai_tui.analytics.service import AnalyticsService
    from interviewai_tui.auth.google import GoogleDeviceFlow
    from interviewai_tui.auth.service import AuthService
    from interviewai_tui.chat.service import ChatService
    from interviewai_tui.clock import Clock
    from interviewai_tui.config import Settings
    from interviewai_tui.interviews.service import InterviewService
    from interviewai_tui.ops.archived import ArchivedHistory
    from interviewai_tui.secrets import SecretStore
    from interviewai_tui.store.base import Store


def prepare_data_dir(settings: Settings) -> None:
    """Create the data dir (private to the user) when the embedded default store lives there."""
    if settings.database_url:
        return
    from interviewai_tui.store.base import StoreUnavailableError

    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise StoreUnavailableError(
            f"The data folder {settings.data_dir} cannot be created ({reason})."
        ) from None


class Container:
    """Owns the long-lived objects of one running program and closes them in order."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        overrides: dict[str, Any] | None = None,
        clock: Clock | None = None,
        store: Store | None = None,
        collect_metrics: bool = False,
    ) -> None:
        self._settings = settings
        self._overrides = dict(overrides or {})
        self._clock = clock
        self._store = store
        self._owns_store = store is None
        self._collect_metrics = collect_metrics
        self._raw_store: Store | None = None
        self._op_log: OperationLog | None = None
        self._services: dict[str, Any] = {}
        self._closers: list[Any] = []

    # --- configuration -----------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """Settings, loaded on first use (raises config.SettingsError on a bad value)."""
        if self._settings is None:
            from interviewai_tui.config import load_settings

            self._settings = load_settings(self._overrides)
        return self._settings

    @property
    def clock(self) -> Clock:
        if self._clock is None:
            from interviewai_tui.clock import SystemClock

            self._clock = SystemClock()
        return self._clock

    # --- lifecycle -----------------------------------------------------------------------
    async def open(self) -> None:
        """Load settings and open the store (first start also loads the question bank)."""
        if self._settings is None:
            await asyncio.to_thread(lambda: self.settings)
        if self._store is None:
            from interviewai_tui.store import open_store

            await asyncio.to_thread(prepare_data_dir, self.settings)
            store = open_store(self.settings.resolved_database_url, clock=self.clock)
            self._raw_store = await store.__aenter__()
            from interviewai_tui.admin.wiring import instrument

            # Every store call the program makes is timed for the admin metrics.
            self._store, self._op_log = instrument(self._raw_store, self.settings)
        await self._after_open()
        if self._collect_metrics:
            self.admin.collector.start()
            self._closers.append(self.admin.collector.aclose)

    async def _after_open(self) -> None:
        from interviewai_tui.bank import ensure_loaded

        await ensure_loaded(self.store, clock=self.clock)
        # Answers journalled while the store was down are written through now, exactly once.
        await self.interviews.flush_journals()

    async def close(self) -> None:
        """Close services then the store; safe to call twice."""
        for closer in reversed(self._closers):
            await closer()
        self._closers.clear()
        if self._raw_store is not None and self._owns_store:
            store, self._raw_store, self._store = self._raw_store, None, None
            await store.__aexit__(None, None, None)

    async def __aenter__(self) -> Container:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- parts -----------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is not open yet; await container.open() first")
        return self._store

    @property
    def secrets(self) -> SecretStore:
        """API keys and remembered sign-ins (keyring, with an honest fallback)."""
        if "secrets" not in self._services:
            from interviewai_tui.secrets import SecretStore

            self._services["secrets"] = SecretStore()
        secrets: SecretStore = self._services["secrets"]
        return secrets

    @property
    def auth(self) -> AuthService:
        """Accounts: register, sign in, lockout, remembered sessions, 2FA, Google sign-in."""
        if "auth" not in self._services:
            from interviewai_tui.auth.google import GoogleDeviceFlow
            from interviewai_tui.auth.service import AuthService

            s = self.settings
            secret = s.google_client_secret.get_secret_value() if s.google_client_secret else None
            self._services["auth"] = AuthService(
                self.store,
                self.secrets,
                self.clock,
                bcrypt_cost=s.bcrypt_cost,
                lockout_threshold=s.lockout_threshold,
                lockout_minutes=s.lockout_minutes,
                require_approval=s.require_approval,
                session_days=s.session_days,
                google=GoogleDeviceFlow(s.google_client_id, secret, clock=self.clock),
            )
        auth: AuthService = self._services["auth"]
        return auth

    @property
    def keys(self) -> KeyResolver:
        """API keys: the keyring (through the secret store) first, then the usual variables."""
        if "keys" not in self._services:
            from interviewai_tui.ai.keys import (
                ChainKeyResolver,
                EnvKeyResolver,
                SecretStoreKeyResolver,
            )

            self._services["keys"] = ChainKeyResolver(
                SecretStoreKeyResolver(self.secrets), EnvKeyResolver()
            )
        keys: KeyResolver = self._services["keys"]
        return keys

    def ai_config(self) -> dict[str, Any]:
        """The settings the AI layer reads, as a plain mapping (no secrets in it)."""
        return self.settings.model_dump(exclude={"google_client_secret"})

    async def ai(self) -> AiRuntime:
        """The router, providers and offline coach; built once, on first use."""
        if "ai" not in self._services:
            from interviewai_tui.ai.runtime import build_ai

            page = await self.store.questions.list(active=True, limit=1000)
            runtime = await build_ai(
                self.ai_config(),
                self.keys,
                questions=page.items,
                clock=self.clock,
                recorder=self.ai_recorder,
            )
            self._services["ai"] = runtime
            self._closers.append(runtime.aclose)
        ai: AiRuntime = self._services["ai"]
        return ai

    @property
    def google(self) -> GoogleDeviceFlow:
        """The Google device-flow client (explains how to configure it when unconfigured)."""
        return self.auth.google

    @property
    def interviews(self) -> InterviewService:
        """Interview setup, sessions (autosave, journal, resume) and grading."""
        if "interviews" not in self._services:
            from interviewai_tui.interviews.wiring import build_interview_service

            async def router() -> Router:
                return (await self.ai()).router

            async def results_stored(interview_id: str) -> object:
                return await self.analytics.interview_completed(interview_id)

            self._services["interviews"] = build_interview_service(
                store=self.store,
                settings=self.settings,
                clock=self.clock,
                router=router,
                on_results=results_stored,
            )
        interviews: InterviewService = self._services["interviews"]
        return interviews

    @property
    def ai_recorder(self) -> CallRecorder:
        """Counters of every AI call, flushed into the admin metrics."""
        if "ai_recorder" not in self._services:
            from interviewai_tui.ai.records import CallRecorder

            self._services["ai_recorder"] = CallRecorder()
        recorder: CallRecorder = self._services["ai_recorder"]
        return recorder

    @property
    def admin(self) -> AdminServices:
        """Metrics sampler and collector, alerts, user and question-bank management."""
        if "admin" not in self._services:
            from interviewai_tui.admin.wiring import build_admin

            self._services["admin"] = build_admin(
                store=self.store,
                settings=self.settings,
                clock=self.clock,
                gate=self.auth,
                op_log=self._op_log,
                ai_recorder=self.ai_recorder,
                failed_logins_total=lambda: self.auth.lockout.failures_seen,
            )
        admin: AdminServices = self._services["admin"]
        return admin

    @property
    def analytics(self) -> AnalyticsService:
        """Rollups, streaks, achievements and progress reports."""
        if "analytics" not in self._services:
            from interviewai_tui.analytics.service import AnalyticsService

            self._services["analytics"] = AnalyticsService(self.store, self.clock)
        analytics: AnalyticsService = self._services["analytics"]
        return analytics

    @property
    def archive(self) -> ArchivedHistory:
        """Read access to the archive store (opened on first use, only if it exists)."""
        if "archive" not in self._services:
            from interviewai_tui.ops.archived import ArchivedHistory

            archive = ArchivedHistory(self.settings.resolved_database_url, clock=self.clock)
            self._closers.append(archive.close)
            self._services["archive"] = archive
        archived: ArchivedHistory = self._services["archive"]
        return archived

    @property
    def history(self) -> HistoryService:
        """The user's interviews for the history screens."""
        if "history" not in self._services:
            from interviewai_tui.analytics.history import HistoryService

            self._services["history"] = HistoryService(
                self.store, self.analytics, archive=self.archive
            )
        history: HistoryService = self._services["history"]
        return history

    async def chat(self) -> ChatService:
        """Assistant conversations: streaming replies, ratings, attachments, export."""
        if "chat" not in self._services:
            from interviewai_tui.chat.wiring import build_chat_service

            self._services["chat"] = build_chat_service(
                store=self.store,
                router=(await self.ai()).router,
                clock=self.clock,
                config=self.ai_config(),
                archive=self.archive,
            )
        chat: ChatService = self._services["chat"]
        return chat
