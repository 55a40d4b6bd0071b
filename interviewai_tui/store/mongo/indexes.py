"""The seed's indexes, exactly, plus those of the two collections the seed does not define.

Created idempotently at open: `create_indexes` with identical specs is a no-op on the server.
Analytics retention (5 years) is done by `analytics.delete_older_than` from the ops commands,
not by a TTL index, so the seed's analytics indexes stay exactly as specified.
"""

from __future__ import annotations

from typing import Any

__all__ = ["INDEXES"]

# collection -> list of (keys, options)
INDEXES: dict[str, list[tuple[list[tuple[str, int]], dict[str, Any]]]] = {
    "users": [
        ([("email", 1)], {"unique": True}),
        ([("googleId", 1)], {"unique": True, "sparse": True}),
        ([("role", 1), ("status", 1)], {}),
        ([("createdAt", -1)], {}),
        ([("stats.lastActivityAt", -1)], {}),
    ],
    "interviews": [
        ([("userId", 1), ("status", 1)], {}),
        ([("userId", 1), ("createdAt", -1)], {}),
        ([("status", 1), ("createdAt", -1)], {}),
        ([("jobRole", 1), ("difficulty", 1)], {}),
        ([("results.totalScore", -1)], {}),
    ],
    "chatSessions": [
        ([("userId", 1), ("isActive", 1)], {}),
        ([("userId", 1), ("lastMessageAt", -1)], {}),
        ([("provider", 1), ("createdAt", -1)], {}),
        ([("analytics.totalCost", -1)], {}),
    ],
    "questions": [
        ([("type", 1), ("category", 1), ("difficulty", 1)], {}),
        ([("techStack", 1), ("isActive", 1)], {}),
        ([("skills", 1), ("difficulty", 1)], {}),
        ([("usage.averageScore", -1)], {}),
        ([("tags", 1)], {}),
    ],
    "analytics": [
        ([("userId", 1), ("type", 1), ("period.date", -1)], {}),
        ([("type", 1), ("period.date", -1)], {}),
        ([("userMetrics.averageScore", -1)], {}),
        ([("systemMetrics.activeUsers", -1)], {}),
    ],
    "systemMetrics": [
        ([("timestamp", -1)], {}),
        ([("health.status", 1), ("timestamp", -1)], {}),
        ([("aiProviders.provider", 1), ("timestamp", -1)], {}),
        ([("alerts.type", 1), ("alerts.resolved", 1)], {}),
    ],
    # Not in the seed: remembered logins (the seed's "TTL indexes for temporary data (e.g.
    # session tokens)") and the admin audit trail.
    "sessions": [
        ([("tokenHash", 1)], {"unique": True}),
        ([("userId", 1)], {}),
        ([("expiresAt", 1)], {"expireAfterSeconds": 0}),
    ],
    "auditLog": [
        ([("timestamp", -1)], {}),
        ([("actorId", 1), ("timestamp", -1)], {}),
        ([("targetId", 1), ("timestamp", -1)], {}),
    ],
}
