"""Which providers and models a new chat can use, and why images cannot be attached."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interviewai_tui.ai.base import OFFLINE
from interviewai_tui.ai.errors import display_name

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


def image_refusal(provider: str) -> str:
    """Why an image cannot go with a message to ``provider``: none can in this version, as
    the AI layer's messages carry text only."""
    if provider == OFFLINE:
        return "The offline coach cannot read images; attach a text or code file instead."
    return (
        f"{display_name(provider)} chats take text only in this version of InterviewAI; "
        "attach a text or code file instead."
    )
