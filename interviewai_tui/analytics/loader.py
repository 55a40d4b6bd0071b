"""Reading a user's whole history through the repositories' paged queries."""

from __future__ import annotations

from interviewai_tui.analytics.periods import zone_for
from interviewai_tui.analytics.user_rollup import UserHistory
from interviewai_tui.domain.analytics import Analytics
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import AnalyticsType
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.domain.users import User
from interviewai_tui.store.base import Store

__all__ = ["PAGE", "all_chats", "all_interviews", "all_users", "load_history", "stored_documents"]

PAGE = 1000  # the repositories' largest page


async def all_interviews(store: Store, user_id: str) -> list[Interview]:
    out: list[Interview] = []
    while True:
        page = await store.interviews.list_for_user(
            user_id=user_id, sort="created_at", descending=False, offset=len(out), limit=PAGE
        )
        out += page.items
        if not page.items or not page.has_more:
            return out


async def all_chats(store: Store, user_id: str) -> list[ChatSession]:
    out: list[ChatSession] = []
    while True:
        page = await store.chats.list_for_user(user_id=user_id, offset=len(out), limit=PAGE)
        out += page.items
        if not page.items or not page.has_more:
            return out


async def all_users(store: Store) -> list[User]:
    out: list[User] = []
    while True:
        page = await store.users.list(offset=len(out), limit=PAGE)
        out += page.items
        if not page.items or not page.has_more:
            return out


async def load_history(store: Store, user: User) -> UserHistory:
    return UserHistory(
        user_id=user.id,
        zone=zone_for(user.preferences.timezone),
        interviews=await all_interviews(store, user.id),
        chats=await all_chats(store, user.id),
    )


async def stored_documents(store: Store, user_id: str) -> dict[AnalyticsType, list[Analytics]]:
    """The user's stored user, interview and chat documents."""
    return {
        kind: await store.analytics.list(user_id=user_id, type=kind)
        for kind in (AnalyticsType.USER, AnalyticsType.INTERVIEW, AnalyticsType.CHAT)
    }
