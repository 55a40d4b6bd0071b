"""Countdown, stopwatch and debounce against a frozen clock."""

from __future__ import annotations

from interviewai_tui.clock import FrozenClock
from interviewai_tui.interviews.timers import Countdown, Debouncer, Stopwatch

from .helpers import START


def test_countdown_runs_only_while_started() -> None:
    clock = FrozenClock(START)
    countdown = Countdown(clock, 90)
    clock.advance(30)
    assert countdown.remaining() == 90  # not started yet
    countdown.start()
    clock.advance(30.5)
    assert countdown.remaining() == 59.5
    assert countdown.remaining_whole() == 60  # rounded up: 0 only when really up
    countdown.stop()
    clock.advance(100)
    assert countdown.remaining() == 59.5
    countdown.start()
    clock.advance(60)
    assert countdown.expired and countdown.remaining_whole() == 0


def test_stopwatch_accumulates_per_question() -> None:
    clock = FrozenClock(START)
    watch = Stopwatch(clock, [5, 0, 0])
    watch.activate(0)
    clock.advance(10)
    watch.activate(2)
    clock.advance(3)
    assert (watch.whole(0), watch.whole(1), watch.whole(2)) == (15, 0, 3)
    watch.activate(None)
    clock.advance(50)
    assert watch.whole(2) == 3


def test_debounce_waits_for_quiet_but_not_forever() -> None:
    clock = FrozenClock(START)
    debounce = Debouncer(clock, delay=1.75, max_wait=5.0)
    assert not debounce.due()
    debounce.touch()
    clock.advance(1.7)
    assert not debounce.due()
    clock.advance(0.05)
    assert debounce.due()
    debounce.clear()
    # Typing every second without pause: due after max_wait anyway.
    debounce.touch()
    for _ in range(4):
        clock.advance(1)
        debounce.touch()
        assert not debounce.due()
    clock.advance(1)
    debounce.touch()
    assert debounce.due()
