"""The pieces under the chat screen's text: stream sanitising across chunk borders, the
static Markdown rendering of finished messages, and the paced Markdown stream."""

from __future__ import annotations

import random

from textual.actions import parse
from textual.app import App, ComposeResult
from textual.widgets import Markdown

from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.widgets.chat_render import render_markdown, top_level_starts
from interviewai_tui.ui.widgets.chat_stream import PacedMarkdownStream, StreamCleaner

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


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown("")


async def test_paced_stream_keeps_order_and_abandon_skips_the_backlog() -> None:
    app = Host()
    async with app.run_test() as pilot:
        markdown = app.query_one(Markdown)
        appended: list[str] = []
        stream = PacedMarkdownStream(markdown, after_append=None)
        stream.MAX_BATCH = 10
        original = markdown.append

        def spy(text: str):  # type: ignore[no-untyped-def]
            appended.append(text)
            return original(text)

        markdown.append = spy  # type: ignore[method-assign]
        stream.start()
        for i in range(5):
            await stream.write(f"line {i}\n")
        await stream.stop()
        assert markdown.source == "".join(f"line {i}\n" for i in range(5))
        assert max(map(len, appended[:-1])) <= 10  # capped steps; stop() flushes the rest
        second = PacedMarkdownStream(markdown, after_append=None)
        second.MAX_BATCH = 10
        second.start()
        await second.write("x" * 50)
        await second.abandon()
        await pilot.pause()
        assert markdown.source.endswith("line 4\n" + "x" * 10)  # one step shown, rest skipped
