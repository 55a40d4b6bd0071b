"""Which providers and models a new chat can use, and why an image cannot be attached."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewai_tui.ai.base import OFFLINE
from interviewai_tui.ai.errors import display_name
from interviewai_tui.ai.images import accepts_images

if TYPE_CHECKING:
    from interviewai_tui.ai.router import Router

__all__ = ["ProviderChoice", "default_choice", "image_refusal", "provider_choices"]


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    """A provider the user can pick for a new chat."""

    name: str
    label: str
    default_model: str
    configured: bool
    paid: bool


def provider_choices(router: Router, models: Mapping[str, str]) -> list[ProviderChoice]:
    """The offline coach first (always available), then every provider, keyed or not;
    ``models`` are the settings' model per provider."""
    coach = router.offline
    out = [ProviderChoice(OFFLINE, display_name(OFFLINE), coach.default_model, True, False)]
    for name, p in router.providers.items():
        model = models.get(name) or p.default_model
        out.append(ProviderChoice(name, display_name(name), model, p.configured, p.paid))
    return out


def default_choice(router: Router, models: Mapping[str, str]) -> ProviderChoice:
    """The settings' provider when it can be used, else the offline coach."""
    choices = provider_choices(router, models)
    wanted = next((c for c in choices if c.name == router.default), None)
    return wanted if wanted is not None and wanted.configured else choices[0]


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def image_refusal(
    router: Router, models: Mapping[str, str], provider: str, model: str | None = None
) -> str | None:
    """Why an image cannot go with a message to ``model`` on ``provider`` (the settings' model
    when None), naming where to switch; None when it can go."""
    choices = provider_choices(router, models)
    current = next((c for c in choices if c.name == provider), None)
    picked = model or (current.default_model if current is not None else "")
    if accepts_images(provider, picked):
        return None
    who = display_name(OFFLINE) if provider == OFFLINE else f"{display_name(provider)}'s {picked}"
    capable = [
        f"{c.label} ({c.default_model})"
        for c in choices
        if c.configured and c.name != provider and accepts_images(c.name, c.default_model)
    ]
    if capable:
        switch = f"switch to {_either(capable)} in a new chat to send images"
    else:
        switch = "switch to OpenAI, Anthropic or Gemini (with an API key) in a new chat"
    if provider in ("ollama", "compat"):
        switch += ", or use a vision model such as llava, llama3.2-vision or gemma3"
    return f"{who} does not accept images; {switch}."
