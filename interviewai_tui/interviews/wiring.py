"""How the container builds the interview service from settings (kept here so the container
stays a list of one-line calls and the interview defaults live next to the code that uses them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from interviewai_tui.interviews.service import InterviewService

if TYPE_CHECKING:
    from interviewai_tui.ai.router import Router
    from interviewai_tui.clock import Clock
    from interviewai_tui.config import Settings
    from interviewai_tui.store.base import Store

__all__ = ["build_interview_service"]


def build_interview_service(
    *,
    store: Store,
    settings: Settings,
    clock: Clock,
    router: Router | Callable[[], Awaitable[Router]],
    on_results: Callable[[str], Awaitable[object]] | None = None,
) -> InterviewService:
    """The interview service on ``store``, grading through ``router`` (or an async factory of
    it, awaited at the first evaluation) and the sandboxed judge."""
    from interviewai_tui.interviews.ai_evaluator import RouterEvaluator
    from interviewai_tui.judge import Limits
    from interviewai_tui.judge import run as judge_run
    from interviewai_tui.judge.models import MIB

    limits = Limits(
        cpu_seconds=max(1, round(settings.judge_cpu_seconds)),
        wall_seconds=settings.judge_wall_seconds,
        memory_bytes=settings.judge_memory_mb * MIB,
    )

    def evaluator_for(provider: str | None, _model: str | None, user_id: str) -> RouterEvaluator:
        # The model choice is not passed on: ai.tasks grades with each provider's configured
        # model (INTERVIEWAI_<PROVIDER>_MODEL).
        return RouterEvaluator(router, provider=provider, user_id=user_id)

    return InterviewService(
        store=store,
        evaluator_for=evaluator_for,
        judge=judge_run,
        clock=clock,
        data_dir=settings.data_dir,
        autosave_seconds=settings.autosave_seconds,
        judge_limits=limits,
        on_results=on_results,
    )
