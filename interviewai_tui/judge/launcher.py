"""Apply resource limits to this process, then exec the candidate's interpreter.

Run as a standalone script (``python -I -S launcher.py NAME=VALUE ... -- PROGRAM ARGS``),
never imported by the app: limits are set here, in a fresh single-threaded process, because
``preexec_fn`` is unsafe in a process that has threads (the TUI has several). Only the
standard library is used so that ``-S`` (no site-packages) works and start-up stays fast.

Names: cpu (seconds), as (bytes), fsize (bytes), nofile, nproc (0 = leave alone).
"""

from __future__ import annotations

import os
import sys

# ``resource`` is imported where it is used so that the app can import EXIT_LAUNCH_FAILED on a
# platform without it; this script itself only runs on POSIX.
_RESOURCES = {
    "as": "RLIMIT_AS",
    "fsize": "RLIMIT_FSIZE",
    "nofile": "RLIMIT_NOFILE",
    "nproc": "RLIMIT_NPROC",
}

EXIT_LAUNCH_FAILED = 121
"""Exit status when the limits or the exec fail; the judge maps it to internal_error."""


def _fail(message: str) -> None:
    sys.stderr.write(f"interviewai-judge-launcher: {message}\n")
    sys.stderr.flush()
    os._exit(EXIT_LAUNCH_FAILED)


def _apply(name: str, value: int) -> None:
    import resource

    if name == "cpu":
        # SIGXCPU at the soft limit, SIGKILL one second later if it is caught.
        resource.setrlimit(resource.RLIMIT_CPU, (value, value + 1))
        return
    if name == "nproc" and value <= 0:
        return
    key = getattr(resource, _RESOURCES[name])
    _soft, hard = resource.getrlimit(key)
    # Never ask for more than the hard limit we inherited: unprivileged users cannot raise it.
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(key, (value, value))


def main(argv: list[str]) -> None:
    if "--" not in argv:
        _fail("usage: launcher.py NAME=VALUE ... -- PROGRAM [ARGS]")
    split = argv.index("--")
    settings, program = argv[:split], argv[split + 1 :]
    if not program:
        _fail("no program given")
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        for item in settings:
            name, _, raw = item.partition("=")
            _apply(name, int(raw))
    except (KeyError, ValueError, OSError) as exc:
        _fail(f"cannot set limit: {exc}")
    try:
        os.execv(program[0], program)
    except OSError as exc:
        _fail(f"cannot start {program[0]}: {exc.strerror}")


if __name__ == "__main__":
    main(sys.argv[1:])
