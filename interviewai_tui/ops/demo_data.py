"""The demo dataset, generated deterministically: `python -m interviewai_tui.ops.demo_data`.

Writes `assets/demo/demo.json`: the stored documents (MongoDB Extended JSON, like backups) of
a candidate with five months of interviews and chats, an admin, a dozen other accounts, an
audit trail and two days of system metrics ending in an open alert. Dates are relative to
`anchor`; the loader (`interviewai_tui.demo`) moves them so that the newest is "now". Interview
questions come from the bundled bank and are linked to it by text when loaded.

The same seed and bank always give the same bytes (a test regenerates and compares), so a
change to the generator shows up as a reviewable diff of the JSON.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import bcrypt

from interviewai_tui import paths
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.common import Document, Role, UserStatus
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.users import Preferences, Profile, User, UserStats
from interviewai_tui.ops.demo_chats import chat_sessions
from interviewai_tui.ops.demo_content import interviews_for
from interviewai_tui.ops.demo_metrics import metrics_history
from interviewai_tui.ops.extjson import to_extjson

__all__ = ["ANCHOR", "CREDENTIALS", "DEMO_FILE", "generate", "main"]

ANCHOR = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)  # a Monday morning
SEED = 2025
DEMO_FILE = "demo.json"
# (role, name, e-mail, password). Demo passwords are public by design: the store is throwaway.
CREDENTIALS: tuple[tuple[str, str, str, str], ...] = (
    ("candidate", "Casey Candidate", "candidate@demo.interviewai.dev", "Practice-makes-2025"),
    ("admin", "Ada Admin", "admin@demo.interviewai.dev", "Workshop-admin-2025"),
)
_OTHERS = [
    ("Noor Haddad", "active"),
    ("Mateo Rossi", "active"),
    ("Priya Raman", "active"),
    ("Jonas Berg", "active"),
    ("Aiko Tanaka", "active"),
    ("Sam Okafor", "blocked"),
    ("Lena Vogel", "pending"),
    ("Diego Alvarez", "active"),
    ("Mia Chen", "active"),
    ("Tom Walsh", "active"),
]


class Ids:
    """Deterministic ids in ObjectId layout: the creation second, then seeded random bytes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, at: datetime) -> str:
        return f"{int(at.timestamp()) & 0xFFFFFFFF:08x}{self.rng.getrandbits(64):016x}"


def _hash(email: str, password: str) -> str:
    # A salt derived from the e-mail keeps the file reproducible; bcrypt cost 12 as everywhere.
    digest = hashlib.sha256(email.encode()).digest()
    alphabet = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    salt = b"$2b$12$" + bytes(alphabet[b % 64] for b in digest[:21]) + b"."
    return bcrypt.hashpw(password.encode(), salt).decode()


def _stats(user_id: str, interviews: list[Any], messages: int) -> UserStats:
    mine = [i for i in interviews if i.user_id == user_id]
    done = [i for i in mine if i.status == "completed" and i.results is not None]
    scores = [i.results.total_score for i in done]
    last = max((i.updated_at for i in mine), default=None)
    return UserStats(
        total_interviews=len(mine),
        completed_interviews=len(done),
        average_score=round(sum(scores) / len(scores)) if scores else 0,
        total_chat_messages=messages,
        last_activity_at=last,
    )


def generate(bank: list[Question], *, seed: int = SEED) -> dict[str, Any]:
    """The demo dataset as JSON-ready data (stored documents in Extended JSON)."""
    rng = random.Random(seed)
    ids = Ids(rng)
    now = ANCHOR
    users: list[User] = []
    for role, name, email, password in CREDENTIALS:
        created = now - timedelta(days=160 if role == "candidate" else 400)
        users.append(
            User(
                id=ids(created),
                email=email,
                name=name,
                role=Role.ADMIN if role == "admin" else Role.USER,
                password_hash=_hash(email, password),
                email_verified=True,
                preferences=Preferences(theme="dark"),
                profile=Profile(
                    bio="Backend developer preparing for senior interviews."
                    if role == "candidate"
                    else "Runs the InterviewAI workshop.",
                    location="Lisbon",
                    skills=["Python", "SQL", "System design"] if role == "candidate" else [],
                    experience="mid" if role == "candidate" else "senior",
                ),
                last_login=now - timedelta(hours=20),
                created_at=created,
                updated_at=now - timedelta(hours=20),
            )
        )
    for name, status in _OTHERS:
        created = now - timedelta(days=rng.randint(3, 300), minutes=rng.randint(0, 1400))
        email = name.lower().replace(" ", ".") + "@example.com"
        users.append(
            User(
                id=ids(created),
                email=email,
                name=name,
                status=UserStatus(status),
                password_hash=None,  # not demo logins; also keeps generation fast
                created_at=created,
                updated_at=created,
            )
        )
    candidate, admin = users[0], users[1]

    interviews = interviews_for(candidate.id, bank, rng, ids, now=now, days=150, count=32)
    for other in users[2:]:
        if other.status == UserStatus.ACTIVE:
            span = max(2, (now - other.created_at).days)
            count = rng.randint(1, 4)
            interviews += interviews_for(other.id, bank, rng, ids, now=now, days=span, count=count)
    chats = chat_sessions(candidate.id, rng, ids, now=now)
    messages = sum(len([m for m in c.messages if m.role == "user"]) for c in chats)
    users = [
        u.model_copy(update={"stats": _stats(u.id, interviews, messages if u is candidate else 0)})
        for u in users
    ]
    blocked = next(u for u in users if u.status == UserStatus.BLOCKED)
    audit = [
        AuditEntry(
            id=ids(now - timedelta(days=12)),
            actor_id=admin.id,
            action="user.block",
            target_id=blocked.id,
            details={"reason": "Shared one account across a whole class."},
            timestamp=now - timedelta(days=12),
        ),
        AuditEntry(
            id=ids(now - timedelta(days=2)),
            actor_id=admin.id,
            action="question.update",
            target_id=None,
            details={"change": "Deactivated a duplicate question."},
            timestamp=now - timedelta(days=2),
        ),
    ]
    metrics = metrics_history(rng, ids, now=now, hours=48, every_minutes=15)
    collections: dict[str, list[Document]] = {
        "users": list(users),
        "interviews": list(interviews),
        "chatSessions": list(chats),
        "systemMetrics": list(metrics),
        "auditLog": list(audit),
    }
    return {
        "format": "interviewai-demo",
        "version": 1,
        "anchor": to_extjson(ANCHOR),
        "credentials": [
            {"role": role, "name": name, "email": email, "password": password}
            for role, name, email, password in CREDENTIALS
        ],
        "collections": {
            name: [to_extjson(doc.model_dump(by_alias=True)) for doc in docs]
            for name, docs in collections.items()
        },
    }


def render(data: dict[str, Any]) -> str:
    # One document per line: small diffs when the generator changes, still valid JSON.
    lines = ["{"]
    head = {k: v for k, v in data.items() if k != "collections"}
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "collections": {')
    names = list(data["collections"])
    for i, name in enumerate(names):
        docs = data["collections"][name]
        lines.append(f"    {json.dumps(name)}: [")
        for j, doc in enumerate(docs):
            comma = "," if j < len(docs) - 1 else ""
            text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            lines.append(f"      {text}{comma}")
        lines.append("    ]" + ("," if i < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from interviewai_tui.bank import load_bundled

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else paths.assets_dir() / "demo" / DEMO_FILE
    bank = load_bundled(clock=_Fixed())
    target.write_text(render(generate(bank)), encoding="utf-8")
    print(f"wrote {target}")
    return 0


class _Fixed:
    def now(self) -> datetime:
        return ANCHOR


if __name__ == "__main__":
    raise SystemExit(main())
