"""What every screen of the app shares: typed access to the app, and failure toasts.

Screens (and modals) mix in ``FailureReporting``: a worker that fails with
``exit_on_error=False`` ends in the ERROR state, and this turns it into one readable toast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from interviewai_tui.ui.failures import report_failure

if TYPE_CHECKING:
    from interviewai_tui.ui.app import InterviewAIApp

ResultT = TypeVar("ResultT")


class FailureReporting:
    """Report failed workers of this node as an error toast."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker: Worker[Any] = event.worker
        if event.state == WorkerState.ERROR and worker.error is not None:
            report_failure(worker.node.app, worker.error)

    @property
    def iapp(self) -> InterviewAIApp:
        """The running app, typed."""
        return cast("InterviewAIApp", cast(Screen[Any], self).app)


class AppScreen(FailureReporting, Screen[ResultT]):
    """Base class for full screens."""


class AppModal(FailureReporting, ModalScreen[ResultT]):
    """Base class for modal dialogs."""
