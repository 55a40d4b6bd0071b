"""``python -m interviewai_tui``: the same as the ``interviewai`` command."""

from interviewai_tui.cli import main

raise SystemExit(main())
