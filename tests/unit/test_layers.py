"""The layering rules that import-linter cannot express: one module per driver."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "interviewai_tui"

# top-level import name -> the package paths (relative, as posix prefixes) allowed to import it
ALLOWED = {
    "motor": ("store/mongo/client.py",),
    "pymongo": ("store/mongo/client.py",),
    "bson": ("store/mongo/client.py",),
    "mongomock_motor": ("store/mongo/client.py",),
    "aiosqlite": ("store/sqlite/",),
    "httpx": ("ai/", "auth/google"),
    "textual": ("ui/",),
    "rich": ("ui/",),
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_each_driver_is_imported_only_by_its_adapter() -> None:
    offenders: list[str] = []
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50
    for path in files:
        rel = path.relative_to(PACKAGE).as_posix()
        for root in imported_roots(path) & ALLOWED.keys():
            if not rel.startswith(ALLOWED[root]):
                offenders.append(f"{rel} imports {root}")
    assert offenders == []
