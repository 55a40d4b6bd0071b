"""Which languages the judge can run here, and how to start each one."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interviewai_tui.judge.models import MIB, Limits

# V8 reserves about 1 GiB of address space before running a line, so node gets its heap
# limit from --max-old-space-size and an address-space limit with this much headroom.
NODE_ADDRESS_SPACE_HEADROOM = 1536 * MIB


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """How to run one language."""

    name: str
    file_name: str
    interpreter: str

    def argv(self, source: Path, limits: Limits) -> list[str]:
        if self.name == "python":
            # -I: ignore PYTHON* variables, user site and the cwd on sys.path; -S: no
            # site-packages (candidates get the standard library); -B: no .pyc files.
            return [self.interpreter, "-I", "-S", "-B", str(source)]
        heap_mib = max(16, limits.memory_bytes // MIB)
        return [self.interpreter, f"--max-old-space-size={heap_mib}", str(source)]

    def address_space(self, limits: Limits) -> int:
        if self.name == "python":
            return limits.memory_bytes
        return limits.memory_bytes + NODE_ADDRESS_SPACE_HEADROOM


@cache
def _specs() -> dict[str, LanguageSpec]:
    specs = {"python": LanguageSpec("python", "solution.py", sys.executable)}
    node = shutil.which("node") or shutil.which("nodejs")
    if node:
        specs["javascript"] = LanguageSpec("javascript", "solution.js", node)
    return specs


def available_languages() -> list[str]:
    """Languages the judge can run on this machine ("python", and "javascript" with node)."""
    return sorted(_specs())


def language_spec(language: str) -> LanguageSpec | None:
    """The spec for ``language`` (case-insensitive; "js"/"node" mean JavaScript), or None."""
    key = language.strip().lower()
    key = {"js": "javascript", "node": "javascript", "nodejs": "javascript", "py": "python"}.get(
        key, key
    )
    return _specs().get(key)
