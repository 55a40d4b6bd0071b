"""Monthly spend per user, for the optional spend cap.

The router asks the ledger before every paid call and adds the cost after it. A persistent
ledger (summing `cost` of the user's chat messages and interviews in the store) can replace
the in-memory one; both follow `SpendLedger`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Protocol

__all__ = ["InMemorySpendLedger", "SpendLedger", "month_key"]


def month_key(when: datetime) -> str:
    """'2026-03' for any time in March 2026 (UTC)."""
    return f"{when.year:04d}-{when.month:02d}"


class SpendLedger(Protocol):
    async def spent(self, user_id: str, month: str) -> Decimal: ...

    async def add(self, user_id: str, month: str, amount: Decimal) -> None: ...


class InMemorySpendLedger:
    def __init__(self) -> None:
        self._spent: dict[tuple[str, str], Decimal] = {}

    async def spent(self, user_id: str, month: str) -> Decimal:
        return self._spent.get((user_id, month), Decimal(0))

    async def add(self, user_id: str, month: str, amount: Decimal) -> None:
        key = (user_id, month)
        self._spent[key] = self._spent.get(key, Decimal(0)) + amount
