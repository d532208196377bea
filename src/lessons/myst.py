"""MyST Markdown read with markdown-it-py, the parser MyST itself is built
on, instead of regular expressions: labels, directives and roles are found
as tokens, so text inside code spans and code blocks is never mistaken for
them.

- :func:`blocks`: the top-level blocks of a text, each with its source
  lines; a fenced directive (``:::{name}`` or ```` ```{name} ````) carries
  its name, argument and body;
- :func:`labels`: the ``(name)=`` targets of a text;
- :func:`roles`: the inline roles (``{name}`content```) of a text, with
  where each is written, for code that rewrites them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@functools.cache
def parser():
    """CommonMark plus what MyST adds at block and inline level: ``(label)=``
    targets, ``:::`` fences and ``{role}`` syntax."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.colon_fence import colon_fence_plugin
    from mdit_py_plugins.myst_blocks import myst_block_plugin
    from mdit_py_plugins.myst_role import myst_role_plugin

    return MarkdownIt("commonmark").use(myst_role_plugin).use(myst_block_plugin).use(colon_fence_plugin)


@dataclass(frozen=True)
class Block:
    """One top-level block: source lines ``start`` (0-based) to ``end``
    (exclusive). For a fenced directive, ``name`` (e.g. ``bilingual``),
    ``arg``, ``body`` (the lines between the fences) and ``fence`` (the
    opening marker, e.g. ``::::``); ``closed`` is False when the text ends
    before a closing fence."""

    kind: str  # the markdown-it token type: paragraph_open, myst_target, colon_fence, fence...
    start: int
    end: int
    name: str = ""
    arg: str = ""
    body: str = ""
    fence: str = ""
    closed: bool = True
    tokens: tuple = ()

    @property
    def is_directive(self) -> bool:
        return bool(self.name)

    @property
    def is_label(self) -> bool:
        return self.kind == "myst_target"


def _directive(token, lines: list[str]) -> dict:
    """Name, argument, body and closing of a fence token whose info is ``{name} arg``."""
    info = token.info.strip()
    if token.type not in ("fence", "colon_fence") or not info.startswith("{") or "}" not in info:
        return {}
    name, _, arg = info[1:].partition("}")
    start, end = token.map
    last = lines[end - 1].strip() if end - 1 > start else ""
    closed = bool(last) and set(last) == {token.markup[0]} and len(last) >= len(token.markup)
    return {"name": name.strip(), "arg": arg.strip(), "body": token.content, "fence": token.markup, "closed": closed}


def blocks(text: str) -> list[Block]:
    """The top-level blocks of ``text`` in order (blank lines belong to none)."""
    lines = text.splitlines()
    found: list[Block] = []
    tokens = parser().parse(text)
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        start, end = token.map
        inner = tuple(_until_close(tokens, index))
        found.append(Block(token.type, start, end, tokens=inner, **_directive(token, lines)))
    return found


def _until_close(tokens, index: int):
    """The token at ``index`` and every token inside it (to its matching close)."""
    depth = 0
    for token in tokens[index:]:
        yield token
        depth += token.nesting
        if depth <= 0:
            return


#: Directives whose body is not Markdown (code, math, raw output).
LITERAL_DIRECTIVES = {"code-cell", "code", "code-block", "sourcecode", "math", "raw", "eval-rst"}


def labels(text: str) -> set[str]:
    """The ``(name)=`` targets written in ``text``, inside directives too
    (a label in a ``{bilingual}`` block), never in code."""
    found = set()
    for block in blocks(text):
        if block.is_label:
            found.add(block.tokens[0].content)
        elif block.is_directive and block.name not in LITERAL_DIRECTIVES:
            found |= labels(block.body)
    return found


@dataclass(frozen=True)
class Role:
    """A role ``{name}`content``` written at ``text[start:end]``."""

    name: str
    content: str
    start: int
    end: int


def roles(text: str, tokens=None) -> list[Role]:
    """The roles of ``text`` in order, with where each is written.

    markdown-it gives each role's name and content but not its offset, so
    each is located by its exact source form, after the one before it; code
    spans are stepped over the same way, so a role quoted in code is left alone.
    """
    tokens = parser().parse(text) if tokens is None else tokens
    found, position = [], 0
    for token in tokens:
        for child in token.children or ():
            if child.type not in ("myst_role", "code_inline"):
                continue
            if child.type == "code_inline":
                ticks = child.markup
                at = text.find(ticks, position)
                if at >= 0:
                    position = text.find(ticks, at + len(ticks) + len(child.content)) + len(ticks)
                continue
            at = text.find(f"{{{child.meta['name']}}}`", position)
            if at < 0:  # written across lines: leave it as it is
                continue
            opening = at + len(child.meta["name"]) + 2
            ticks = "`" * (len(text[opening:]) - len(text[opening:].lstrip("`")))
            written = f"{{{child.meta['name']}}}{ticks}{child.content}{ticks}"
            if not text.startswith(written, at):
                continue
            found.append(Role(child.meta["name"], child.content, at, at + len(written)))
            position = at + len(written)
    return found
