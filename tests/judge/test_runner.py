"""The judge on real subprocesses: verdicts, limits, cleanup and the scrubbed sandbox."""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import time
from pathlib import Path

import pytest

from interviewai_tui.judge import (
    Limits,
    TestCase,
    Verdict,
    available_languages,
    isolation,
    normalise,
    run,
    runner,
    sandbox,
)
from interviewai_tui.judge.languages import LanguageSpec

ADD = [
    TestCase("1 2\n", "3\n", "small"),
    TestCase("40 2\n", "42", "no newline expected"),
    TestCase("-5 5\n", "0\n", "negative"),
]
ADD_PY = "a, b = map(int, input().split())\nprint(a + b)\n"
FAST = Limits(cpu_seconds=1, wall_seconds=1.5)
ONE = [TestCase("", "done", "one case")]


async def test_correct_answer_passes_every_case() -> None:
    report = await run(ADD_PY, "python", ADD, FAST)
    assert [r.verdict for r in report.results] == [Verdict.PASSED] * 3
    assert report.passed == 3 and report.pass_rate == 1.0 and report.all_passed
    assert any("not a security boundary" in note for note in report.notes)


async def test_wrong_answer_shows_expected_and_got() -> None:
    report = await run("print(int(input().split()[0]) * 2)\n", "python", ADD, FAST)
    verdicts = [r.verdict for r in report.results]
    assert verdicts == [Verdict.WRONG_ANSWER, Verdict.WRONG_ANSWER, Verdict.WRONG_ANSWER]
    first = report.results[0]
    assert first.expected == "3\n" and first.got == "2\n"
    assert report.pass_rate == 0.0


async def test_partial_pass_rate() -> None:
    code = "a, b = map(int, input().split())\nprint(a + b if a > 0 else 99)\n"
    report = await run(code, "python", ADD, FAST)
    assert report.passed == 2 and report.pass_rate == pytest.approx(2 / 3)


async def test_trailing_whitespace_and_crlf_are_ignored() -> None:
    code = "import sys\nsys.stdout.write('a  \\r\\nb\\t\\r\\n\\n\\n')\n"
    report = await run(code, "python", [TestCase("", "a\nb", "ws")], FAST)
    assert report.results[0].verdict is Verdict.PASSED
    report = await run(code, "python", [TestCase("", "a\n\nb", "inner blank line")], FAST)
    assert report.results[0].verdict is Verdict.WRONG_ANSWER


async def test_sleeping_program_hits_the_wall_limit() -> None:
    started = time.perf_counter()
    report = await run("import time\ntime.sleep(30)\n", "python", ONE, FAST)
    elapsed = time.perf_counter() - started
    assert report.results[0].verdict is Verdict.TIME_LIMIT
    assert 1.4 <= elapsed < 3.5


async def test_cpu_loop_is_stopped_by_the_cpu_limit() -> None:
    limits = Limits(cpu_seconds=1, wall_seconds=10)
    started = time.perf_counter()
    report = await run("while True:\n    pass\n", "python", ONE, limits)
    assert report.results[0].verdict is Verdict.TIME_LIMIT
    assert "CPU" in report.results[0].message
    # Well under the 10 s wall limit even on a loaded machine, where 1 s of CPU takes longer.
    assert time.perf_counter() - started < 8


async def test_memory_hungry_program_hits_the_memory_limit() -> None:
    code = "chunks = []\nwhile True:\n    chunks.append(bytearray(10**7))\n"
    report = await run(code, "python", ONE, Limits(memory_bytes=128 * 1024 * 1024))
    result = report.results[0]
    assert result.verdict is Verdict.MEMORY_LIMIT
    assert "MemoryError" in result.stderr_tail


async def test_output_flood_is_cut_at_the_cap_without_growing_the_parent() -> None:
    code = "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n"
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    started = time.perf_counter()
    report = await run(code, "python", ONE, Limits(wall_seconds=10))
    assert report.results[0].verdict is Verdict.OUTPUT_LIMIT
    assert time.perf_counter() - started < 3
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert grown_kib < 64 * 1024


async def test_stderr_flood_counts_as_output_limit() -> None:
    code = "import sys\nwhile True:\n    sys.stderr.write('e' * 65536)\n"
    report = await run(code, "python", ONE, Limits(wall_seconds=10))
    assert report.results[0].verdict is Verdict.OUTPUT_LIMIT


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")  # a zombie waiting for init to reap it is dead too


async def test_forked_child_holding_the_pipe_does_not_delay_the_verdict() -> None:
    # The program exits at once but leaves a child with our stdout open for 30 s.
    code = "import subprocess\nchild = subprocess.Popen(['sleep', '30'])\nprint(child.pid)\n"
    started = time.perf_counter()
    report = await run(code, "python", ONE, Limits(wall_seconds=10))
    assert time.perf_counter() - started < 2.5
    result = report.results[0]
    assert result.verdict is Verdict.WRONG_ANSWER
    child = int(result.got)
    await asyncio.sleep(0.1)
    assert _gone(child), "the forked child outlived the judge"


async def test_timeout_kills_the_whole_process_group_promptly(tmp_path: Path) -> None:
    marker = tmp_path / "child"
    code = (
        "import subprocess, time\n"
        "child = subprocess.Popen(['sleep', '30'])\n"
        f"open({str(marker)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(30)\n"
    )
    started = time.perf_counter()
    report = await run(code, "python", ONE, FAST)
    assert time.perf_counter() - started < 3.5
    assert report.results[0].verdict is Verdict.TIME_LIMIT
    await asyncio.sleep(0.1)
    assert _gone(int(marker.read_text())), "a child survived the timeout"


async def test_crash_is_a_runtime_error_with_the_stderr_tail() -> None:
    report = await run("raise ValueError('boom')\n", "python", ONE, FAST)
    result = report.results[0]
    assert result.verdict is Verdict.RUNTIME_ERROR
    assert "ValueError: boom" in result.stderr_tail
    assert result.exit_code == 1


async def test_abort_by_signal_is_a_runtime_error() -> None:
    report = await run("import os\nos.abort()\n", "python", ONE, FAST)
    result = report.results[0]
    assert result.verdict is Verdict.RUNTIME_ERROR
    assert "signal" in result.message


async def test_environment_has_no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0000000000001234")
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secretvalue")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    code = "import os, json\nprint(json.dumps(dict(os.environ)))\n"
    report = await run(code, "python", ONE, FAST)
    env = json.loads(report.results[0].got)
    assert "OPENAI_API_KEY" not in env
    assert not [k for k in env if "TOKEN" in k or "SECRET" in k or k.endswith("_API_KEY")]
    assert "DBUS_SESSION_BUS_ADDRESS" not in env
    assert set(env) <= {"PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "LC_CTYPE"}
    assert "sk-test" not in report.results[0].got


async def test_cwd_and_home_are_a_temp_dir_removed_afterwards() -> None:
    code = (
        "import os\n"
        "open('left-behind.txt', 'w').write('x')\n"
        "os.makedirs('locked/inner')\n"
        "os.chmod('locked', 0)\n"
        "print(os.getcwd(), os.environ['HOME'], os.environ['TMPDIR'])\n"
    )
    report = await run(code, "python", ONE, FAST)
    cwd, home, tmp = report.results[0].got.split()
    assert cwd == home == tmp
    assert "interviewai-judge-" in Path(cwd).name
    assert Path(cwd).resolve() != Path.home().resolve()
    assert not Path(cwd).exists()


async def test_limits_are_applied_by_the_launcher() -> None:
    code = (
        "import resource as r\n"
        "print(r.getrlimit(r.RLIMIT_NOFILE)[0], r.getrlimit(r.RLIMIT_CORE)[0],"
        " r.getrlimit(r.RLIMIT_FSIZE)[0], r.getrlimit(r.RLIMIT_CPU)[0],"
        " r.getrlimit(r.RLIMIT_AS)[0])\n"
    )
    limits = Limits(open_files=40, file_size_bytes=12345, cpu_seconds=3, memory_bytes=200 << 20)
    report = await run(code, "python", ONE, limits)
    assert report.results[0].got.split() == ["40", "0", "12345", "3", str(200 << 20)]


async def test_big_file_write_fails() -> None:
    code = "open('big.bin', 'wb').write(b'x' * (5 * 1024 * 1024))\nprint('done')\n"
    report = await run(code, "python", ONE, FAST)
    result = report.results[0]
    assert result.verdict is Verdict.RUNTIME_ERROR
    assert "File too large" in result.stderr_tail


async def test_too_many_open_files_fails() -> None:
    code = "files = [open('f%d' % i, 'w') for i in range(500)]\nprint('done')\n"
    report = await run(code, "python", ONE, FAST)
    assert report.results[0].verdict is Verdict.RUNTIME_ERROR
    assert "Too many open files" in report.results[0].stderr_tail


async def test_network_to_a_local_listener_is_blocked_when_isolation_is_reported() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    code = (
        "import socket\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=1).close()\n"
        "    print('connected')\n"
        "except OSError:\n"
        "    print('blocked')\n"
    )
    try:
        report = await run(code, "python", [TestCase("", "blocked", "no network")], FAST)
    finally:
        listener.close()
    if not report.network_isolated:
        assert any("Network isolation is not available" in n for n in report.notes)
        pytest.skip("unshare -rn does not work here; the report says so")
    assert report.results[0].verdict is Verdict.PASSED, report.results[0].got


async def test_cancelling_a_run_kills_the_program(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    code = f"import os, time\nopen({str(marker)!r}, 'w').write(str(os.getpid()))\ntime.sleep(30)\n"
    task = asyncio.create_task(run(code, "python", ONE, Limits(wall_seconds=20)))
    for _ in range(200):
        if marker.exists() and marker.read_text():
            break
        await asyncio.sleep(0.02)
    pid = int(marker.read_text())
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.1)
    assert _gone(pid)


async def test_event_loop_keeps_running_during_a_judgement() -> None:
    gaps: list[float] = []

    async def ticker() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    tick = asyncio.create_task(ticker())
    await run("import time\ntime.sleep(0.5)\nprint('done')\n", "python", ONE, FAST)
    tick.cancel()
    # The program sleeps 0.5 s; a blocked loop would show one gap at least that long.
    assert len(gaps) > 20 and max(gaps) < 0.35


async def test_unknown_language_is_an_internal_error_not_an_exception() -> None:
    report = await run("puts 1", "ruby", ADD, FAST)
    assert [r.verdict for r in report.results] == [Verdict.INTERNAL_ERROR] * 3
    assert "ruby" in report.results[0].message


async def test_no_test_cases_gives_an_empty_report_with_a_note() -> None:
    report = await run(ADD_PY, "python", [], FAST)
    assert report.total == 0 and report.pass_rate == 0.0 and not report.all_passed
    assert any("no test cases" in n for n in report.notes)


needs_node = pytest.mark.skipif(
    "javascript" not in available_languages(), reason="node is not installed"
)
ADD_JS = (
    "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
    "console.log(a + b);\n"
)


@needs_node
async def test_javascript_correct_and_wrong() -> None:
    report = await run(ADD_JS, "javascript", ADD, Limits(wall_seconds=5))
    assert report.language == "javascript" and report.all_passed
    report = await run("console.log(7)", "js", ADD[:1], Limits(wall_seconds=5))
    assert report.results[0].verdict is Verdict.WRONG_ANSWER


@needs_node
async def test_javascript_heap_exhaustion_is_a_memory_limit() -> None:
    code = "const a = [];\nwhile (true) a.push(new Array(1e5).fill(1.5));\n"
    report = await run(code, "javascript", ONE, Limits(memory_bytes=64 << 20, wall_seconds=10))
    assert report.results[0].verdict is Verdict.MEMORY_LIMIT


@needs_node
async def test_javascript_runtime_error() -> None:
    report = await run("null.x;\n", "javascript", ONE, Limits(wall_seconds=5))
    assert report.results[0].verdict is Verdict.RUNTIME_ERROR
    assert "TypeError" in report.results[0].stderr_tail


def test_available_languages_include_python() -> None:
    assert "python" in available_languages()


async def test_without_isolation_the_report_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "_cached", [])
    report = await run(ADD_PY, "python", ADD[:1], FAST)
    assert report.network_isolated is False
    assert any("Network isolation is not available" in note for note in report.notes)
    assert report.all_passed


async def test_a_sandbox_that_cannot_start_is_an_internal_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = LanguageSpec("python", "solution.py", "/nonexistent/python3")
    monkeypatch.setattr(runner, "language_spec", lambda _language: broken)
    report = await run(ADD_PY, "python", ADD[:2], FAST)
    assert [r.verdict for r in report.results] == [Verdict.INTERNAL_ERROR] * 2
    assert "could not start" in report.results[0].message
    assert "/nonexistent/python3" in report.results[0].stderr_tail


def test_process_limit_counts_the_users_tasks_when_not_root(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)
    limit = sandbox.process_limit(Limits(extra_processes=7))
    # At least this test process (and its threads) belongs to the current uid.
    assert limit >= 7 + 1
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 0)
    assert sandbox.process_limit(Limits()) == 0


def test_limits_from_settings_round_cpu_up_and_convert_memory() -> None:
    limits = Limits.from_settings(cpu_seconds=1.5, wall_seconds=4.0, memory_mb=300)
    assert limits.cpu_seconds == 2
    assert limits.wall_seconds == 4.0
    assert limits.memory_bytes == 300 * 1024 * 1024


def test_normalise_ignores_only_trailing_whitespace() -> None:
    assert normalise("a \r\nb\t\n\n") == "a\nb"
    assert normalise(" a") == " a"
    assert normalise("a\n\nb") != normalise("a\nb")
