from __future__ import annotations

from interviewai_tui.ai.transport import Timeouts
from tests.ai.fixtures import fake, pool  # noqa: F401  (fixtures)

FAST = Timeouts(connect=2.0, idle=2.0, no_content=5.0, write=2.0)
