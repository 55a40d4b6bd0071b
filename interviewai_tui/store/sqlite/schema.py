"""SQLite schema and its versioned migrations.

Each collection is a table whose last column `doc` holds the stored document as JSON. The
fields the seed indexes (and a few more the queries filter or aggregate on) are STORED
generated columns computed from `doc`, so they can never disagree with it, a `json_set` on
`doc` keeps them current, and aggregates read them without parsing the document. `doc` is
declared last so those columns sit in the row's first page.

`PRAGMA user_version` holds the schema version; `PRAGMA application_id` marks the file as ours.
"""

from __future__ import annotations

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION"]

APPLICATION_ID = 0x49414931  # "IAI1"


def _col(name: str, path: str, kind: str = "") -> str:
    return f"{name} {kind} GENERATED ALWAYS AS (json_extract(doc, '$.{path}')) STORED".replace(
        "  ", " "
    )


_V1: list[str] = [
    f"""CREATE TABLE users (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("email", "email", "TEXT")},
        {_col("google_id", "googleId", "TEXT")},
        {_col("role", "role", "TEXT")},
        {_col("status", "status", "TEXT")},
        {_col("created_at", "createdAt", "TEXT")},
        {_col("last_activity_at", "stats.lastActivityAt", "TEXT")},
        {_col("name", "name", "TEXT")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE UNIQUE INDEX users_email ON users(email)",
    "CREATE UNIQUE INDEX users_google_id ON users(google_id) WHERE google_id IS NOT NULL",
    "CREATE INDEX users_role_status ON users(role, status)",
    "CREATE INDEX users_created_at ON users(created_at DESC)",
    "CREATE INDEX users_last_activity ON users(last_activity_at DESC)",
    f"""CREATE TABLE interviews (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("user_id", "userId", "TEXT")},
        {_col("status", "status", "TEXT")},
        {_col("created_at", "createdAt", "TEXT")},
        {_col("completed_at", "completedAt", "TEXT")},
        {_col("job_role", "jobRole", "TEXT")},
        {_col("difficulty", "difficulty", "TEXT")},
        {_col("total_score", "results.totalScore", "INTEGER")},
        {_col("time_spent", "results.timeSpent", "INTEGER")},
        {_col("title", "title", "TEXT")},
        {_col("archived", "archived", "INTEGER")},
        tech_stack TEXT GENERATED ALWAYS AS (json_extract(doc, '$.techStack')) STORED,
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    # The seed's (userId, status), extended so that user_stats reads only the index.
    "CREATE INDEX interviews_user_status ON interviews(user_id, status, total_score, time_spent)",
    "CREATE INDEX interviews_user_created ON interviews(user_id, created_at DESC, id DESC)",
    "CREATE INDEX interviews_status_created ON interviews(status, created_at DESC)",
    "CREATE INDEX interviews_role_difficulty ON interviews(job_role, difficulty)",
    "CREATE INDEX interviews_total_score ON interviews(total_score DESC)",
    # The admin average score reads only this index.
    "CREATE INDEX interviews_status_score ON interviews(status, total_score)",
    "CREATE INDEX interviews_created ON interviews(created_at)",
    f"""CREATE TABLE chatSessions (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("user_id", "userId", "TEXT")},
        {_col("is_active", "isActive", "INTEGER")},
        {_col("last_message_at", "lastMessageAt", "TEXT")},
        {_col("provider", "provider", "TEXT")},
        {_col("created_at", "createdAt", "TEXT")},
        {_col("total_cost", "analytics.totalCost", "REAL")},
        {_col("title", "title", "TEXT")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE INDEX chats_user_active ON chatSessions(user_id, is_active)",
    "CREATE INDEX chats_user_last ON chatSessions(user_id, last_message_at DESC)",
    "CREATE INDEX chats_provider_created ON chatSessions(provider, created_at DESC)",
    "CREATE INDEX chats_total_cost ON chatSessions(total_cost DESC)",
    f"""CREATE TABLE questions (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("type", "type", "TEXT")},
        {_col("category", "category", "TEXT")},
        {_col("difficulty", "difficulty", "TEXT")},
        {_col("is_active", "isActive", "INTEGER")},
        {_col("times_used", "usage.timesUsed", "INTEGER")},
        {_col("average_score", "usage.averageScore", "INTEGER")},
        {_col("created_at", "createdAt", "TEXT")},
        tech_stack TEXT GENERATED ALWAYS AS (json_extract(doc, '$.techStack')) STORED,
        skills TEXT GENERATED ALWAYS AS (json_extract(doc, '$.skills')) STORED,
        tags TEXT GENERATED ALWAYS AS (json_extract(doc, '$.tags')) STORED,
        {_col("question", "question", "TEXT")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE INDEX questions_type_cat_diff ON questions(type, category, difficulty)",
    "CREATE INDEX questions_active ON questions(is_active)",
    "CREATE INDEX questions_avg_score ON questions(average_score DESC)",
    "CREATE INDEX questions_created ON questions(created_at DESC)",
    # The natural key used by upsert_many (question text + type).
    "CREATE INDEX questions_natural_key ON questions(type, question)",
    f"""CREATE TABLE analytics (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("user_id", "userId", "TEXT")},
        {_col("type", "type", "TEXT")},
        {_col("period_type", "period.type", "TEXT")},
        {_col("period_date", "period.date", "TEXT")},
        {_col("user_average_score", "userMetrics.averageScore", "INTEGER")},
        {_col("active_users", "systemMetrics.activeUsers", "INTEGER")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    # One document per period: makes upsert_period idempotent even across processes.
    """CREATE UNIQUE INDEX analytics_period ON analytics(
        ifnull(user_id, ''), type, period_type, period_date)""",
    "CREATE INDEX analytics_user_type_date ON analytics(user_id, type, period_date DESC)",
    "CREATE INDEX analytics_type_date ON analytics(type, period_date DESC)",
    "CREATE INDEX analytics_user_avg ON analytics(user_average_score DESC)",
    "CREATE INDEX analytics_active_users ON analytics(active_users DESC)",
    f"""CREATE TABLE systemMetrics (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("timestamp", "timestamp", "TEXT")},
        {_col("health_status", "health.status", "TEXT")},
        alert_count INTEGER GENERATED ALWAYS AS (json_array_length(doc, '$.alerts')) STORED,
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE INDEX metrics_timestamp ON systemMetrics(timestamp DESC)",
    "CREATE INDEX metrics_health_ts ON systemMetrics(health_status, timestamp DESC)",
    "CREATE INDEX metrics_with_alerts ON systemMetrics(timestamp DESC) WHERE alert_count > 0",
    f"""CREATE TABLE sessions (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("user_id", "userId", "TEXT")},
        {_col("token_hash", "tokenHash", "TEXT")},
        {_col("expires_at", "expiresAt", "TEXT")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE UNIQUE INDEX sessions_token ON sessions(token_hash)",
    "CREATE INDEX sessions_user ON sessions(user_id)",
    "CREATE INDEX sessions_expires ON sessions(expires_at)",
    f"""CREATE TABLE auditLog (
        id TEXT PRIMARY KEY NOT NULL,
        {_col("actor_id", "actorId", "TEXT")},
        {_col("target_id", "targetId", "TEXT")},
        {_col("action", "action", "TEXT")},
        {_col("timestamp", "timestamp", "TEXT")},
        doc TEXT NOT NULL CHECK (json_valid(doc))
    )""",
    "CREATE INDEX audit_timestamp ON auditLog(timestamp DESC)",
    "CREATE INDEX audit_actor ON auditLog(actor_id, timestamp DESC)",
    "CREATE INDEX audit_target ON auditLog(target_id, timestamp DESC)",
]

# History sorted by any column (issue 7). One index holding every column the history filters
# and sorts on, so a page of a user with thousands of interviews is sorted from the index
# alone (SqliteInterviews.list_for_user reads `doc` only for the page's rows). The first
# technology is a VIRTUAL column: ALTER TABLE cannot add a STORED one, and its value is kept
# in the index, so reading it there costs no JSON parsing.
_V2: list[str] = [
    """ALTER TABLE interviews ADD COLUMN first_tech TEXT GENERATED ALWAYS AS
        (nullif(lower(json_extract(tech_stack, '$[0]')), '')) VIRTUAL""",
    """CREATE INDEX interviews_user_sort ON interviews(user_id, created_at, id, completed_at,
        status, total_score, time_spent, difficulty, job_role, title, first_tech, tech_stack,
        archived)""",
]

# MIGRATIONS[i] takes the schema from version i to version i + 1. Append; never edit.
MIGRATIONS: list[list[str]] = [_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)
