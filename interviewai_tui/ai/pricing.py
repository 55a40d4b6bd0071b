"""Cost of a call from its token usage, using a price table that is data (`prices.json`).

A model that is not in the table is *unpriced*: `cost()` returns None, never Decimal(0), so
reports can say "unpriced" instead of pretending a call was free. Local servers and the
offline coach are free; the provider decides that (`Provider.paid`), not this table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["ModelPrice", "PriceTable", "default_prices"]

_MILLION = Decimal(1_000_000)
# Dated snapshots are priced like their alias: gpt-5-mini-2025-08-07, claude-haiku-4-5-20251001.
_DATE_SUFFIX = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{8})$")


@dataclass(frozen=True, slots=True)
class ModelPrice:
    """USD per 1M tokens."""

    input: Decimal
    output: Decimal
    cached_input: Decimal | None = None
    seen: str = ""


class PriceTable:
    def __init__(
        self,
        models: Mapping[str, Mapping[str, ModelPrice]],
        *,
        aliases: Mapping[str, Mapping[str, str]] | None = None,
        taken: str = "",
    ) -> None:
        self._models = {p: dict(m) for p, m in models.items()}
        self._aliases = {p: dict(a) for p, a in (aliases or {}).items()}
        self.taken = taken

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PriceTable:
        models: dict[str, dict[str, ModelPrice]] = {}
        for provider, entries in data.get("models", {}).items():
            models[provider] = {
                model.lower(): ModelPrice(
                    input=Decimal(str(e["input"])),
                    output=Decimal(str(e["output"])),
                    cached_input=(
                        Decimal(str(e["cached_input"])) if e.get("cached_input") else None
                    ),
                    seen=str(e.get("seen", "")),
                )
                for model, e in entries.items()
            }
        return cls(models, aliases=data.get("aliases", {}), taken=str(data.get("taken", "")))

    @classmethod
    def from_file(cls, path: Path) -> PriceTable:
        """A user-edited table (same shape as the shipped prices.json)."""
        return cls.from_data(json.loads(path.read_text(encoding="utf-8")))

    def price(self, provider: str, model: str) -> ModelPrice | None:
        table = self._models.get(provider)
        if not table:
            return None
        key = model.strip().lower().removeprefix("models/")
        key = self._aliases.get(provider, {}).get(key, key)
        found = table.get(key)
        if found is None:
            found = table.get(_DATE_SUFFIX.sub("", key))
        return found

    def cost(
        self,
        provider: str,
        model: str,
        *,
        input_tokens: int,
        output_tokens: int,
        cached_input_tokens: int = 0,
    ) -> Decimal | None:
        """USD for one call, or None if the model is unpriced.

        Cached input is charged at the cached price when the table has one, else in full
        (an over-estimate is the safer error for a spend cap).
        """
        price = self.price(provider, model)
        if price is None:
            return None
        cached = min(max(cached_input_tokens, 0), input_tokens)
        cached_rate = price.cached_input if price.cached_input is not None else price.input
        total = (
            (input_tokens - cached) * price.input
            + cached * cached_rate
            + output_tokens * price.output
        )
        return total / _MILLION


@cache
def default_prices() -> PriceTable:
    """The table shipped with the package (ai/prices.json)."""
    text = resources.files("interviewai_tui.ai").joinpath("prices.json").read_text("utf-8")
    return PriceTable.from_data(json.loads(text))
