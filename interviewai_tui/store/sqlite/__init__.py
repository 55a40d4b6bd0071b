"""The embedded store: SQLite through aiosqlite."""
