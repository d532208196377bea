"""The book's Sphinx extension: paired bilingual text, the language switch,
and local-only static assets.

Authors write each passage once per language, in one paired construct::

    ::::{bilingual}
    :::{zh}
    中文段落。
    :::
    :::{en}
    The English passage.
    :::
    ::::

and bilingual headings or inline phrases with the roles
``{zh}`中文` {en}`English```. Every block is written out with a ``lang``
attribute; ``static/language.js`` and ``static/lessons.css`` show the
reader's choice. A block that is unpaired, empty, out of order or in an
unknown language is a build error naming the file and line.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.util import logging

from ..bilingual import CSS_CLASS, EN, ZH, has_chinese, mostly_chinese
from ..notebooks import add_download_links
from .colab import setup_colab
from .handouts import setup_handouts

logger = logging.getLogger(__name__)

LANG_OF = {"zh": ZH, "en": EN}
# A child directive opener inside {bilingual}: ":::{xx}" or "```{xx}".
CHILD_OPENER = re.compile(r"^\s*(?P<fence>:{3,}|`{3,})\{(?P<name>[^}]+)\}")
STATIC_DIR = resources.files("lessons") / "static"


class bilingual_pair(nodes.General, nodes.Element):
    """A zh-Hant block and its English partner, in that order."""


class lang_block(nodes.General, nodes.Element):
    """One language's half of a pair; carries ``lang``."""


class lang_inline(nodes.Inline, nodes.TextElement):
    """An inline phrase in one language (headings, table cells)."""


class LangBlockDirective(Directive):
    """``{zh}`` or ``{en}``: one half of a ``{bilingual}`` pair."""

    has_content = True

    def run(self):
        code = self.name
        if not "\n".join(self.content).strip():
            raise self.error(
                f"empty {{{code}}} block: write the "
                f"{'Traditional Chinese' if code == 'zh' else 'English'} text inside it"
            )
        node = lang_block(lang=LANG_OF[code])
        node.source, node.line = self.state_machine.get_source_and_line(self.lineno)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class BilingualDirective(Directive):
    """``{bilingual}``: exactly one ``{zh}`` block followed by one ``{en}`` block."""

    has_content = True

    def run(self):
        # Only openers at the children's own fence are children; deeper
        # directives (an admonition inside {zh}) use another fence.
        fence = None
        for offset, line in enumerate(self.content):
            match = CHILD_OPENER.match(line)
            if not match:
                continue
            fence = fence or match.group("fence")
            if match.group("fence") == fence and match.group("name") not in LANG_OF:
                message = self.reporter.error(
                    f"unknown language {{{match.group('name')}}} in a bilingual block: only {{zh}} "
                    "(Traditional Chinese, zh-Hant) and {en} (English) go directly inside {bilingual}; "
                    "put other directives inside a language block",
                    line=self.lineno + 1 + offset,  # content starts below the opener
                )
                return [message]
        pair = bilingual_pair()
        self.state.nested_parse(self.content, self.content_offset, pair)
        children = [child for child in pair.children if not isinstance(child, nodes.system_message)]
        if len(children) < len(pair.children):
            return [pair]  # a half already reported its own error
        langs = [child.get("lang") if isinstance(child, lang_block) else None for child in children]
        if langs != [ZH, EN]:
            found = ", ".join("{zh}" if x == ZH else "{en}" if x == EN else "plain text" for x in langs)
            raise self.error(
                f"a bilingual block needs one {{zh}} block then one {{en}} block "
                f"and nothing else; found: {found or 'nothing'}"
            )
        self._check_labels(pair)
        return [pair]

    def _check_labels(self, pair):
        zh_text, en_text = (child.astext() for child in pair.children)
        if not has_chinese(zh_text):
            raise self.error("the {zh} block has no Chinese text: is it mislabelled?")
        if mostly_chinese(en_text):
            raise self.error("the {en} block is mostly Chinese: is it mislabelled?")


def lang_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{zh}`…``` / ``{en}`…```: an inline phrase in one language."""
    if not text.strip():
        msg = inliner.reporter.error(f"empty {{{name}}} role: write the text between the backticks", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [lang_inline(rawtext, text, lang=LANG_OF[name])], []


def check_pairing(app, doctree):
    """Lone {zh}/{en} blocks, and headings or paragraphs whose inline roles
    do not pair up, are errors: a reader in the other language would miss them."""
    for block in doctree.findall(lang_block):
        if not isinstance(block.parent, bilingual_pair):
            logger.error(
                "a {%s} block outside {bilingual}: wrap it and its partner in ::::{bilingual}",
                "zh" if block["lang"] == ZH else "en",
                location=block,
            )
    for element in doctree.findall(nodes.TextElement):
        inlines = [n["lang"] for n in element.children if isinstance(n, lang_inline)]
        if inlines and inlines.count(ZH) != inlines.count(EN):
            logger.error(
                "unpaired inline language roles (%s): give each {zh} phrase an {en} partner",
                " ".join(inlines),
                location=element,
            )


# HTML writers -------------------------------------------------------------


def visit_pair(self, node):
    self.body.append(self.starttag(node, "div", CLASS="bl-pair"))


def visit_block(self, node):
    self.body.append(self.starttag(node, "div", CLASS=f"bl {CSS_CLASS[node['lang']]}", lang=node["lang"]))


def visit_inline(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS=CSS_CLASS[node["lang"]], lang=node["lang"]))


def depart_div(self, node):
    self.body.append("</div>\n")


def depart_span(self, node):
    self.body.append("</span>")


def _skip(self, node):
    pass


# Pages load only local assets ---------------------------------------------


def _is_remote(url) -> bool:
    return isinstance(url, str) and re.match(r"^(https?:)?//", url) is not None


def _page_needs(asset) -> bool:
    """False for what the published page must not carry: anything from
    another origin; thebe (it would fetch its bundle from a CDN on click);
    and the saved ipywidgets state, hundreds of KB that only the CDN widget
    manager reads: the book shows each quiz and the timeline as plain HTML."""
    filename = str(getattr(asset, "filename", asset) or "")
    attributes = getattr(asset, "attributes", {})
    return not (
        _is_remote(filename)
        or "thebe" in filename
        or "thebe" in str(attributes.get("body", "")) + str(attributes.get("type", ""))
        or attributes.get("type") == "application/vnd.jupyter.widget-state+json"
    )


def keep_assets_local(app, pagename, templatename, context, doctree):
    """Schools block CDNs, students deserve privacy, and the book must work offline."""
    for key in ("script_files", "css_files"):
        context[key] = [asset for asset in context.get(key) or [] if _page_needs(asset)]


# Executed outputs depend on more than a page's code --------------------------

# A lesson's quiz and timeline are drawn from files its code cells only name
# (lessons.quiz("lesson-1") reads book/quizzes/lesson-1.yml). The execution
# cache keys on code alone, so an edited bank would keep a stale quiz. Every
# notebook page therefore gets one hidden comment cell carrying a hash of the
# course data and the package: any edit there re-executes, no edit hits the cache.
DATA_GLOBS = ("book/quizzes/*.yml", "book/data/**/*", "src/lessons/**/*.py")  # not static/: pages load it, cells never read it


def _course_files(root: Path) -> list[Path]:
    return sorted({p for pattern in DATA_GLOBS for p in root.glob(pattern) if p.is_file()})


def course_data_hash(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_course_data(app):
    """Once per build: the files executed outputs depend on, and their hash."""
    root = Path(app.srcdir)
    files = _course_files(root)
    app.lessons_course_data = (files, course_data_hash(files, root))


def add_course_data_cell(app, docname, source):
    if "```{code-cell}" not in source[0]:
        return
    files, digest = app.lessons_course_data
    for path in files:
        app.env.note_dependency(str(path))  # so Sphinx re-reads the page too
    source[0] += (
        "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
        f"# course data {digest} (added by lessons.sphinxext: edits to banks, data or the package re-execute this page)\n"
        "```\n"
    )


def add_static_path(app):
    app.config.html_static_path.append(str(Path(str(STATIC_DIR))))


def setup(app):
    app.add_node(bilingual_pair, html=(visit_pair, depart_div), latex=(_skip, _skip), text=(_skip, _skip))
    app.add_node(lang_block, html=(visit_block, depart_div), latex=(_skip, _skip), text=(_skip, _skip))
    app.add_node(lang_inline, html=(visit_inline, depart_span), latex=(_skip, _skip), text=(_skip, _skip))
    app.add_directive("bilingual", BilingualDirective)
    app.add_directive("zh", LangBlockDirective)
    app.add_directive("en", LangBlockDirective)
    app.add_role("zh", lang_role)
    app.add_role("en", lang_role)
    app.connect("doctree-read", check_pairing)
    app.connect("builder-inited", read_course_data)
    app.connect("source-read", add_course_data_cell)
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", keep_assets_local)
    # Each lesson page links its notebooks in zh-Hant, English and both,
    # written next to the HTML (see lessons.notebooks).
    app.connect("doctree-resolved", add_download_links)
    setup_colab(app)
    app.add_css_file("lessons.css")
    # language.js runs in <head>, before the body paints, so a reader never
    # sees the other language flash; the quiz scripts wait for the DOM.
    app.add_js_file("language.js")
    app.add_js_file("grader.js", loading_method="defer")
    app.add_js_file("quiz.js", loading_method="defer")
    setup_handouts(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
