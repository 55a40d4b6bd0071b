"""The baseline of the start-up benchmark: a bare Textual app with one Input.

Run with INTERVIEWAI_BENCH_EXIT_ON_PAINT=1 and INTERVIEWAI_BENCH_MARKER=PATH it writes the
same marker as the real app after its first refresh, then exits. Deliberately imports nothing
from interviewai_tui so it measures Textual alone.
"""

from __future__ import annotations

import json
import os
import resource
import time

from textual.app import App, ComposeResult
from textual.widgets import Input


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="type here")

    def on_mount(self) -> None:
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        if os.environ.get("INTERVIEWAI_BENCH_EXIT_ON_PAINT") != "1":
            return
        path = os.environ.get("INTERVIEWAI_BENCH_MARKER")
        if path:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            record = {
                "painted_at": time.time(),
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "max_rss_kb": usage.ru_maxrss,
                "deferred_modules_loaded": [],
            }
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
        self.exit()


if __name__ == "__main__":
    BareApp().run()
