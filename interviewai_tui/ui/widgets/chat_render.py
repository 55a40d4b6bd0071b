"""Markdown to one ``Content``: how finished messages are shown.

Textual's Markdown widget builds a widget per block (paragraph, list item, fence); a long
reply is hundreds of widgets and every layout pass visits them all. A finished message does
not change, so it is rendered once into a single ``Content`` for a single ``Static``: the
same parser (raw HTML off), headings, emphasis, lists, quotes, tables as rows, and code
fences highlighted by Textual. Links are clickable through the screen's ``chat_link`` action,
which asks before opening anything. The text must already be cleaned of control sequences.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content, Span
from textual.highlight import highlight
from textual.style import Style

__all__ = [
    "code_blocks",
    "link_action",
    "markdown_parser",
    "render_markdown",
    "render_tokens",
    "split_at_line",
    "top_level_blocks",
    "top_level_starts",
]

_HEADING = {1: "bold underline $text-accent", 2: "bold $text-accent"}
_CODE_INLINE = "$text-warning"
_QUOTE = "▌ "
_INLINE_STYLES = {"em_open": "italic", "strong_open": "bold", "s_open": "strike"}


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    # Raw HTML off: "<b>" in a reply is shown as typed, not swallowed as a tag.
    return MarkdownIt("gfm-like", {"html": False})


def link_action(href: str) -> str:
    """The click action of a link: the screen decides (repr keeps the URL one literal)."""
    return f"screen.chat_link({href!r})"


def _inline(token: Token) -> Content:
    pieces: list[str] = []
    open_styles: list[tuple[Style | str, int]] = []
    spans: list[Span] = []
    position = 0

    def add(text: str) -> None:
        nonlocal position
        pieces.append(text)
        position += len(text)

    for child in token.children or []:
        kind = child.type
        if kind == "text":
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = position
            add(child.content)
            spans.append(Span(start, position, _CODE_INLINE))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            link = Style(underline=True) + Style.from_meta({"@click": link_action(href)})
            open_styles.append((link, position))
        elif kind in _INLINE_STYLES:
            open_styles.append((_INLINE_STYLES[kind], position))
        elif kind.endswith("_close") and open_styles:
            style, start = open_styles.pop()
            spans.append(Span(start, position, style))
        elif kind == "image":
            add(f"[image: {child.content or child.attrs.get('src', '')}]")
    return Content("".join(pieces), spans)


def _table(tokens: list[Token], index: int) -> tuple[list[Content], int]:
    """Rows of a table as ``cell │ cell`` lines; returns them and the index after it."""
    rows: list[Content] = []
    cells: list[Content] = []
    header = False
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            header = True
        elif token.type == "thead_close":
            header = False
        elif token.type == "inline":
            cells.append(_inline(token))
        elif token.type == "tr_close":
            row = Content(" │ ").join(cells)
            rows.append(row.stylize("bold") if header else row)
            cells = []
        index += 1
    return rows, index + 1


def render_markdown(source: str) -> Content:
    """``source`` (cleaned Markdown) as one ``Content``: blocks separated by blank lines,
    the items of a tight list by single line breaks."""
    return render_tokens(markdown_parser().parse(source))


def render_tokens(tokens: list[Token]) -> Content:
    """``render_markdown`` of text already parsed by ``markdown_parser``."""
    blocks: list[Content] = []
    lists: list[int | None] = []  # per open list: the next number, or None for bullets
    tight: list[bool] = []
    marker: str | None = None  # what the next line of a list item starts with
    glue = False  # the next block continues the previous one on the next line
    quote = 0

    def emit(content: Content) -> None:
        nonlocal marker, glue
        lead = _QUOTE * quote + "  " * max(len(lists) - 1, 0)
        if marker is not None:
            lead, marker = lead + marker, None
        elif lists:
            lead += "  "
        if lead:
            content = Content("\n").join([Content(lead) + line for line in content.split("\n")])
        if glue and blocks:
            blocks[-1] = Content("\n").join([blocks[-1], content])
        else:
            blocks.append(content)
        glue = bool(tight and tight[-1])

    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:] or 1)
            emit(_inline(tokens[index + 1]).stylize(_HEADING.get(level, "bold")))
            index += 2
        elif kind == "inline":
            emit(_inline(token))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            is_tight = index + 2 < len(tokens) and tokens[index + 2].hidden
            glue = bool(lists) and is_tight  # a tight nested list hangs under its item
            lists.append(int(start) if start is not None else None)
            tight.append(is_tight)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            tight.pop()
            glue = bool(tight and tight[-1])
        elif kind == "list_item_open" and lists:
            number = lists[-1]
            marker = "• " if number is None else f"{number}. "
            if number is not None:
                lists[-1] = number + 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote = max(quote - 1, 0)
        elif kind in ("fence", "code_block"):
            language = token.info.split()[0] if token.info.strip() else "text"
            code = highlight(token.content.rstrip("\n"), language=language)
            # Indented, so code stands apart from prose even without colour.
            emit(Content("\n").join([Content("  ") + line for line in code.split("\n")]))
        elif kind == "hr":
            emit(Content("─" * 24))
        elif kind == "table_open":
            rows, index = _table(tokens, index + 1)
            emit(Content("\n").join(rows))
            continue
        index += 1
    return Content("\n\n").join(blocks)


def top_level_blocks(tokens: list[Token]) -> list[Token]:
    """The opening token of each top-level block (each has its ``map`` of source lines)."""
    return [t for t in tokens if t.level == 0 and t.map and t.nesting >= 0]


def top_level_starts(source: str | list[Token]) -> list[int]:
    """Line numbers where the top-level blocks of ``source`` (text or its parsed tokens)
    start: where a stream may be cut into parts that render alone as they do together."""
    tokens = markdown_parser().parse(source) if isinstance(source, str) else source
    return [t.map[0] for t in top_level_blocks(tokens) if t.map]


def split_at_line(source: str, line: int) -> tuple[str, str]:
    """``source`` cut before line ``line`` (0-based). Lines are counted at ``\n`` only, as
    the parser counts them (``str.splitlines`` also breaks at U+2028 and friends)."""
    at = 0
    for _ in range(line):
        found = source.find("\n", at)
        if found < 0:
            return source, ""
        at = found + 1
    return source[:at], source[at:]


def code_blocks(source: str) -> list[str]:
    """The code blocks of ``source`` (fenced or indented), in order, without their fences."""
    tokens = markdown_parser().parse(source)
    return [t.content for t in tokens if t.type in ("fence", "code_block")]
