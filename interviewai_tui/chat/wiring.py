"""How the container builds the chat service (one call, defaults next to the code using them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from interviewai_tui.chat.service import ChatService

if TYPE_CHECKING:
    from interviewai_tui.ai.router import Router
    from interviewai_tui.clock import Clock
    from interviewai_tui.store.base import ArchiveSource, Store

__all__ = ["build_chat_service", "chat_service_for"]

_PROVIDERS = ("openai", "anthropic", "gemini", "deepseek", "ollama", "compat")


def build_chat_service(
    *,
    store: Store,
    router: Router,
    clock: Clock,
    config: Mapping[str, Any],
    archive: ArchiveSource | None = None,
) -> ChatService:
    """The chat service on ``store`` and ``router``; ``config`` is the settings as a mapping
    (``container.ai_config()``), read for each provider's ``<name>_model``."""
    models = {
        name: str(config[f"{name}_model"]) for name in _PROVIDERS if config.get(f"{name}_model")
    }
    return ChatService(store=store, router=router, clock=clock, models=models, archive=archive)


async def chat_service_for(container: Any) -> ChatService:
    """The container's chat service: its own ``chat()`` if it has one, else one built from its
    parts (store, AI runtime, clock, settings) and kept on it for the next caller."""
    own = getattr(container, "chat", None)
    if callable(own):
        service = await own()
        if isinstance(service, ChatService):
            return service
    cached = getattr(container, "_chat_service", None)
    if isinstance(cached, ChatService):
        return cached
    runtime = await container.ai()
    service = build_chat_service(
        store=container.store,
        router=runtime.router,
        clock=container.clock,
        config=container.ai_config(),
    )
    container._chat_service = service
    return service
