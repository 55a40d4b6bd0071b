"""Runs an archive and freezes at a chosen step so that the test can kill it right there.

    python tests/ops/archive_worker.py DB_PATH BATCH_SIZE COLLECTION:BATCH:PHASE

Prints one line per step ("step interviews 3 copied 25"), then "FROZEN" at the chosen step
and waits; the test sends SIGKILL. A kill between "copied" and "deleted" is the worst moment:
the documents exist in both stores.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from interviewai_tui.ops.archive import ArchivePolicy, Archiver, ArchiveStep
from interviewai_tui.ops.archive_store import open_archive
from interviewai_tui.store import open_store


def main() -> None:
    db, batch_size, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]

    def on_step(step: ArchiveStep) -> None:
        print(f"step {step.collection} {step.batch} {step.phase} {step.count}", flush=True)
        if f"{step.collection}:{step.batch}:{step.phase}" == target:
            print("FROZEN", flush=True)
            time.sleep(120)  # the test kills us here

    async def go() -> None:
        url = f"sqlite:///{db}"
        async with open_store(url) as store, open_archive(url) as archive:
            archiver = Archiver(
                store, archive, policy=ArchivePolicy(batch_size=batch_size), on_step=on_step
            )
            await archiver.run()
        print("DONE", flush=True)

    asyncio.run(go())


if __name__ == "__main__":
    main()
