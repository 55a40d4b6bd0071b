"""The pieces under the chat screen's text: stream sanitising across chunk borders, the
Markdown rendering of messages, and a streaming reply painted and sealed in parts."""

from __future__ import annotations

import random

from textual.actions import parse
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.widgets.chat_messages import (
    CODE_LINES,
    LIVE_BLOCKS,
    PAINT_INTERVAL,
    MessageView,
)
from interviewai_tui.ui.widgets.chat_render import (
    markdown_parser,
    render_markdown,
    split_at_line,
    top_level_starts,
)
from interviewai_tui.ui.widgets.chat_stream import StreamCleaner

NASTY = (
    "Hello \x1b[31mred\x1b[0m and \x1b]52;c;ZXZpbA==\x1b\\ osc \x9b2J c1 end "
    "\x1b]8;;http://x\x07link\x1b]8;;\x07 done \x1bPdcs\x1b\\ \x1b(B \x1bc ok \x1b"
)


def test_stream_cleaner_matches_whole_text_cleaning_for_any_split() -> None:
    expected = clean(NASTY)
    assert "\x1b" not in expected and "52;c" not in expected
    for seed in range(300):
        rng = random.Random(seed)
        cleaner, out, i = StreamCleaner(), [], 0
        while i < len(NASTY):
            n = rng.randint(1, 6)
            out.append(cleaner.feed(NASTY[i : i + n]))
            assert "\x1b" not in out[-1] and "\x9b" not in out[-1]
            i += n
        out.append(cleaner.flush())
        assert "".join(out) == expected, seed


def test_an_unterminated_sequence_is_not_held_forever() -> None:
    cleaner = StreamCleaner()
    assert cleaner.feed("a\x1b]52;c;") == "a"  # may still end: held
    released = cleaner.feed("x" * 300)  # too long to be one we wait for: released, cleaned
    assert released.endswith("x" * 300) and "\x1b" not in released


SOURCE = """# Title

Some **bold**, *it*, `code`, [a link](https://x.example) and <b>html</b> [bold]x[/bold].

- one
- two
  - nested

1. first
2. second

> quoted

```python
print("hi")
```

| a | b |
|---|---|
| 1 | 2 |
"""


def test_finished_messages_render_markdown_with_untrusted_text_verbatim() -> None:
    content = render_markdown(SOURCE)
    plain = content.plain
    assert plain.startswith("Title\n\nSome bold, it, code, a link and <b>html</b> [bold]x[/bold].")
    assert "• one\n• two\n  • nested" in plain
    assert "1. first\n2. second" in plain
    assert "▌ quoted" in plain and 'print("hi")' in plain and "a │ b\n1 │ 2" in plain
    actions = [
        span.style.meta.get("@click")
        for span in content.spans
        if not isinstance(span.style, str) and span.style.meta
    ]
    assert actions == ["screen.chat_link('https://x.example')"]
    # a URL written to break out of the action string stays one argument of chat_link
    href = "https://e.example/'),app.quit(),('\")"
    sneaky = render_markdown(f"[x](<{href}>)")
    (action,) = [s.style.meta["@click"] for s in sneaky.spans if not isinstance(s.style, str)]
    namespace, name, args = parse(action)
    assert (namespace, name, len(args)) == ("screen", "chat_link", 1)
    assert str(args[0]).startswith("https://e.example/'),app.quit(),('")


def test_top_level_blocks_are_found_for_sealing() -> None:
    assert top_level_starts("a\n\n- b\n- c\n\n```\nx\n```\n") == [0, 2, 5]


def test_split_at_line_counts_newlines_only() -> None:
    text = "a\u2028b\nc\n\nd"
    assert split_at_line(text, 1) == ("a\u2028b\n", "c\n\nd")
    assert split_at_line(text, 3) == ("a\u2028b\nc\n\n", "d")
    assert split_at_line(text, 9) == (text, "")
    assert top_level_starts(markdown_parser().parse(text)) == [0, 3]


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield MessageView(None, streaming=True)


def _lines(content: Content) -> list[str]:
    return [line.rstrip() for line in content.plain.split("\n") if line.strip()]


def _live_after_a_paint(view: MessageView) -> int:
    """Top-level blocks in the live body right after a paint (forced now: on a loaded machine
    the timer may have spaced its paints out, and the tail then holds unpainted text)."""
    view._next_paint = 0.0
    view._paint()
    return len(top_level_starts(view._tail))


REPLY = "".join(
    f"## Part {i}\n\nSome *text* with `code` {i}.\n\n- one\n- two\n\n"
    + ("```python\nx = 1\n```\n\n" if i % 2 else "1. first\n2. second\n\n")
    for i in range(30)
)


async def test_a_streamed_reply_is_sealed_in_parts_that_read_as_the_whole() -> None:
    rng = random.Random(7)
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        view = app.query_one(MessageView)
        position = 0
        most_live = 0
        while position < len(REPLY):
            step = rng.randint(1, 40)
            await view.write(REPLY[position : position + step])
            position += step
            if rng.random() < 0.2:
                await pilot.pause(PAINT_INTERVAL * 1.5)  # let the timer paint now and then
                most_live = max(most_live, _live_after_a_paint(view))
        await pilot.pause(PAINT_INTERVAL * 3)
        assert view.rendered_length == len(REPLY)  # everything painted, nothing twice
        assert most_live <= LIVE_BLOCKS  # the re-rendered part stays short
        bodies = list(view.query(".chat-body").results(Static))
        assert len(bodies) > 10  # sealed as it went
        shown = [line for body in bodies for line in _lines(body.visual)]  # type: ignore[arg-type]
        assert shown == _lines(render_markdown(REPLY))
        await view.finish(None, failed="cut")
        await pilot.pause()
        final = [
            line for b in view.query(".chat-body").results(Static) for line in _lines(b.visual)
        ]  # type: ignore[arg-type]
        assert final == _lines(render_markdown(REPLY + "\n\n*(cut)*"))
        assert not view.query(".-live")


CODE = "Here:\n\n```python\n" + "".join(f"value_{i} = compute({i})\n" for i in range(300))


async def test_a_long_code_block_is_sealed_in_slices_that_read_as_one_block() -> None:
    app = Host()
    async with app.run_test(size=(80, 40)) as pilot:
        view = app.query_one(MessageView)
        longest = 0
        for start in range(0, len(CODE), 251):
            await view.write(CODE[start : start + 251])
            await pilot.pause(PAINT_INTERVAL * 1.2)
            view._next_paint = 0.0  # paint now, whatever the machine's load made the timer do
            view._paint()
            longest = max(longest, (view._reopen + view._tail).count("\n"))
        await pilot.pause(PAINT_INTERVAL * 3)
        assert view.rendered_length == len(CODE)
        assert longest <= CODE_LINES + 2  # never the whole block (2: the lines before it)
        assert view._reopen == "```python\n"  # the block goes on below the cut
        bodies = list(view.query(".chat-body").results(Static))
        shown = [line for body in bodies for line in _lines(body.visual)]  # type: ignore[arg-type]
        whole = _lines(render_markdown(CODE))
        assert shown == whole and len(whole) == 301
        await view.write("```\n\nDone.")  # the block ends; the reply ends normally
        await view.finish(None, failed="stopped")
        final = [
            line for b in view.query(".chat-body").results(Static) for line in _lines(b.visual)
        ]  # type: ignore[arg-type]
        assert final == _lines(render_markdown(CODE + "```\n\nDone.\n\n*(stopped)*"))


async def test_a_reply_shows_its_first_words_at_once_and_stops_painting_when_done() -> None:
    app = Host()
    async with app.run_test() as pilot:
        view = app.query_one(MessageView)
        await view.write("Hello \x1b[3")  # an escape split across chunks is held back
        await pilot.pause()
        assert view.rendered_length == len("Hello ")
        await view.write("1mthere")
        await pilot.pause(PAINT_INTERVAL * 2)
        live = view.query_one(".-live", Static)
        assert _lines(live.visual) == ["Hello there"]  # type: ignore[arg-type]
        await view.finish(None, failed="stopped")
        assert view._painter is None
