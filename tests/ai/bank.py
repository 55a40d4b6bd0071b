"""A fixed mini question bank with a good and a weak answer for each question."""

from __future__ import annotations

from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.questions import EvaluationCriterion, Question


def q(
    text: str,
    qtype: QuestionType,
    expected: str,
    criteria: list[tuple[str, int, str]] | None = None,
    skills: list[str] | None = None,
    stack: list[str] | None = None,
) -> Question:
    return Question(
        question=text,
        type=qtype,
        expected_answer=expected,
        evaluation_criteria=[
            EvaluationCriterion(criterion=c, weight=w, description=d) for c, w, d in criteria or []
        ],
        skills=skills or [],
        tech_stack=stack or [],
    )


T, B, C, S = (
    QuestionType.TECHNICAL,
    QuestionType.BEHAVIORAL,
    QuestionType.CODING,
    QuestionType.SYSTEM_DESIGN,
)

CLOSURES = q(
    "What is a closure in JavaScript and when would you use one?",
    T,
    "A closure is a function bundled with references to its surrounding lexical scope, so an "
    "inner function keeps access to variables of the outer function after the outer function "
    "has returned. Closures are used for data privacy (private variables, module pattern), "
    "function factories, callbacks and event handlers, memoization and partial application. "
    "A classic pitfall is capturing a loop variable declared with var.",
    [
        ("Concept accuracy", 50, "Explains lexical scope and that variables outlive the call"),
        ("Use cases", 30, "Gives practical uses such as private state, factories, callbacks"),
        ("Clarity", 20, "Clear, structured explanation"),
    ],
    ["closures", "scope"],
    ["JavaScript"],
)
INDEXES = q(
    "How do database indexes speed up queries, and what do they cost?",
    T,
    "An index is a separate data structure, usually a B-tree, that keeps column values sorted "
    "with pointers to rows, so lookups and range queries avoid a full table scan: O(log n) "
    "instead of O(n). Composite indexes follow the leftmost prefix rule. Costs: extra storage, "
    "slower inserts, updates and deletes because every index must be maintained, and the "
    "planner may ignore indexes with low selectivity.",
    [
        ("Technical accuracy", 60, "B-tree, avoiding full scans, complexity"),
        ("Trade-offs", 40, "Write overhead, storage, selectivity"),
    ],
    ["databases", "indexing"],
    ["PostgreSQL", "SQL"],
)
CONFLICT = q(
    "Tell me about a time you disagreed with a teammate. How did you handle it?",
    B,
    "Use the STAR method: describe the situation and the disagreement, your task or goal, the "
    "actions you took such as listening, asking questions, finding data, proposing an "
    "experiment or compromise, and the result, including what you learned and how the "
    "relationship and the project improved.",
    [
        ("STAR structure", 40, "Situation, task, action, result"),
        ("Collaboration", 40, "Listens, respects the teammate, seeks evidence"),
        ("Reflection", 20, "What was learned"),
    ],
    ["communication", "teamwork"],
)
REVERSE = q(
    "Write a function that reverses a string.",
    C,
    "Return the characters in reverse order, for example with slicing s[::-1] in Python, or "
    "by swapping characters with two pointers from both ends in O(n) time.",
    [
        ("Correctness", 60, "Passes the test cases"),
        ("Code quality", 40, "Readable, idiomatic code"),
    ],
    ["strings"],
    ["Python"],
)
CACHE = q(
    "Design a caching layer for a read-heavy web API.",
    S,
    "Put a cache such as Redis in front of the database using cache-aside: read from the cache, "
    "on a miss load from the database and populate the cache with a TTL. Discuss invalidation "
    "on writes, eviction policy such as LRU, consistency and stale reads, cache stampede "
    "protection with locking or request coalescing, hot keys, sharding and replication for "
    "scale, and monitoring the hit ratio.",
    [
        ("Architecture", 40, "Cache-aside, where the cache sits, TTL"),
        ("Consistency", 30, "Invalidation, stale data, stampede"),
        ("Scalability", 30, "Sharding, replication, eviction, hit ratio"),
    ],
    ["system design", "caching"],
    ["Redis"],
)

QUESTIONS = [CLOSURES, INDEXES, CONFLICT, REVERSE, CACHE]

GOOD = {
    CLOSURES.question: (
        "A closure is a function together with its lexical scope: the inner function keeps "
        "access to the outer function's variables even after the outer function has returned, "
        "because those variables are captured by reference.\n\n"
        "I use closures for:\n- data privacy, e.g. a counter with a private count variable "
        "(the module pattern)\n- function factories and partial application\n- callbacks and "
        "event handlers that need state\n- memoization caches\n\n"
        "For example, makeCounter() returns increment(), which updates count. A pitfall is "
        "capturing a loop variable declared with var, so every callback sees the last value; "
        "let fixes it because it creates a new binding per iteration."
    ),
    INDEXES.question: (
        "An index is a separate structure, usually a B-tree, that keeps the indexed column "
        "values sorted with pointers to the rows. Lookups and range queries therefore avoid a "
        "full table scan: O(log n) instead of O(n). Composite indexes follow the leftmost "
        "prefix rule, so the column order matters.\n\nThe cost: extra storage, and slower "
        "inserts, updates and deletes because every index must be maintained on writes. The "
        "planner may also ignore an index with low selectivity, for example on a boolean "
        "column, so indexes should follow real query patterns."
    ),
    CONFLICT.question: (
        "Situation: in my last project a teammate wanted to rewrite our payment service while "
        "I thought we should fix it incrementally. Task: we had to agree on a plan before the "
        "sprint. Action: I listened to his concerns, asked questions, and proposed that we "
        "collect data on incidents; I built a small experiment comparing both approaches. "
        "Result: the data showed most incidents came from one module, so we rewrote only that "
        "module, reduced incidents by 60%, and I learned to argue with evidence rather than "
        "opinion. Our working relationship improved as well."
    ),
    REVERSE.question: (
        "def reverse(s: str) -> str:\n    # slicing walks backwards\n    return s[::-1]\n"
    ),
    CACHE.question: (
        "I would put Redis in front of the database with the cache-aside pattern: read from "
        "the cache first, on a miss load from the database and populate the cache with a TTL.\n"
        "- Invalidation: delete the key on writes, so stale reads are bounded by the TTL.\n"
        "- Eviction: LRU with a memory limit.\n- Consistency: accept short staleness; protect "
        "against a cache stampede with locking or request coalescing.\n- Scale: shard keys "
        "across nodes, replicate for reads, watch hot keys.\n- Monitoring: hit ratio, latency "
        "and evictions, because a falling hit ratio means the TTL or key design is wrong."
    ),
}

WEAK = {
    CLOSURES.question: "It's a function inside a function.",
    INDEXES.question: "Indexes make things faster.",
    CONFLICT.question: "I don't really have conflicts, I get along with everyone.",
    REVERSE.question: "use a loop",
    CACHE.question: "Use a cache so it is faster.",
}
