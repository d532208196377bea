"""Paired bilingual text: the ``{bilingual}``/``{zh}``/``{en}`` directives,
the ``{zh}``/``{en}`` roles, their HTML, and the check that every half has
its partner.

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
attribute and the class ``bl-zh``/``bl-en``. A block that is unpaired,
empty, out of order or in an unknown language is reported as an error of
type ``lessons.bilingual``, naming the file, the line and the fix (the book
builds with ``-W``, so it fails; ``suppress_warnings`` can silence it).
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .. import myst
from ..bilingual import CSS_CLASS, EN, ZH, has_chinese, mostly_chinese
from .messages import WARNING_TYPE

logger = logging.getLogger(__name__)

#: ``suppress_warnings`` entry for every problem this component reports.
SUBTYPE = "bilingual"

LANG_OF = {"zh": ZH, "en": EN}


def report(message: str, location) -> None:
    """An authoring error at ``location`` that ``suppress_warnings`` can target."""
    logger.error(message, location=location, type=WARNING_TYPE, subtype=SUBTYPE)


class bilingual_pair(nodes.General, nodes.Element):
    """A zh-Hant block and its English partner, in that order."""


class lang_block(nodes.General, nodes.Element):
    """One language's half of a pair; carries ``lang``."""


class lang_inline(nodes.Inline, nodes.TextElement):
    """An inline phrase in one language (headings, table cells)."""


class LangBlockDirective(SphinxDirective):
    """``{zh}`` or ``{en}``: one half of a ``{bilingual}`` pair."""

    has_content = True

    def run(self):
        code = self.name
        if not "\n".join(self.content).strip():
            language = "Traditional Chinese" if code == "zh" else "English"
            report(f"empty {{{code}}} block: write the {language} text inside it", self.get_location())
            # Still a half, so its pair does not report a missing one too.
            return [lang_block(lang=LANG_OF[code], empty=True)]
        node = lang_block(lang=LANG_OF[code])
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class BilingualDirective(SphinxDirective):
    """``{bilingual}``: exactly one ``{zh}`` block followed by one ``{en}`` block.

    ``:class: lessons-screen-only`` marks a pair that speaks of the screen
    (feedback, hints, buttons): print.css leaves it off paper."""

    has_content = True
    option_spec = {"class": directives.class_option}

    def run(self):
        unknown = self._unknown_child()
        if unknown is not None:
            name, line = unknown
            report(
                f"unknown language {{{name}}} in a bilingual block: only {{zh}} "
                "(Traditional Chinese, zh-Hant) and {en} (English) go directly inside {bilingual}; "
                "put other directives inside a language block",
                (self.env.docname, line),
            )
            return []
        pair = bilingual_pair(classes=self.options.get("class", []))
        self.set_source_info(pair)
        self.state.nested_parse(self.content, self.content_offset, pair)
        children = [child for child in pair.children if not isinstance(child, nodes.system_message)]
        if len(children) < len(pair.children):
            return [pair]  # a half already reported its own error
        langs = [child.get("lang") if isinstance(child, lang_block) else None for child in children]
        if langs != [ZH, EN]:
            found = ", ".join("{zh}" if x == ZH else "{en}" if x == EN else "plain text" for x in langs)
            report(
                f"a bilingual block needs one {{zh}} block then one {{en}} block "
                f"and nothing else; found: {found or 'nothing'}",
                self.get_location(),
            )
            return [pair]
        if not any(child.get("empty") for child in children):  # an empty half is already reported
            self._check_labels(pair)
        return [pair]

    def _unknown_child(self) -> tuple[str, int] | None:
        """The first child directive naming a language other than zh or en, and its line.

        Children are the directives at the top level of the content (read as
        markdown-it tokens); deeper ones (an admonition inside {zh}) are not.
        """
        for block in myst.blocks("\n".join(self.content)):
            if block.is_directive and block.name not in LANG_OF:
                return block.name, self.lineno + 1 + block.start  # content starts below the opener
        return None

    def _check_labels(self, pair):
        zh_text, en_text = (child.astext() for child in pair.children)
        if not has_chinese(zh_text):
            report("the {zh} block has no Chinese text: is it mislabelled?", self.get_location())
        elif mostly_chinese(en_text):
            report("the {en} block is mostly Chinese: is it mislabelled?", self.get_location())


class LangRole(SphinxRole):
    """``{zh}`…``` / ``{en}`…```: an inline phrase in one language."""

    def run(self):
        if not self.text.strip():
            report(f"empty {{{self.name}}} role: write the text between the backticks", self.get_location())
            return [], []
        return [lang_inline(self.rawtext, self.text, lang=LANG_OF[self.name])], []


def check_pairing(app, doctree):
    """Lone {zh}/{en} blocks, and headings or paragraphs whose inline roles
    do not pair up, are errors: a reader in the other language would miss them."""
    for block in doctree.findall(lang_block):
        if not isinstance(block.parent, bilingual_pair):
            code = "zh" if block["lang"] == ZH else "en"
            report(f"a {{{code}}} block outside {{bilingual}}: wrap it and its partner in ::::{{bilingual}}", block)
    for element in doctree.findall(nodes.TextElement):
        inlines = [n["lang"] for n in element.children if isinstance(n, lang_inline)]
        if inlines and inlines.count(ZH) != inlines.count(EN):
            report(f"unpaired inline language roles ({' '.join(inlines)}): give each {{zh}} phrase an {{en}} partner",
                   element)


#: Sphinx titles its plain admonitions in the build's language (English);
#: inside a {zh} block they take these titles instead, as a Chinese reader
#: would otherwise meet "Note" above Chinese text.
ZH_ADMONITION_TITLES = {
    nodes.note: "附註", nodes.tip: "提示", nodes.hint: "提示", nodes.important: "重要",
    nodes.warning: "警告", nodes.caution: "小心", nodes.attention: "注意", nodes.danger: "危險", nodes.error: "錯誤",
}


def title_chinese_admonitions(app, doctree):
    """A {zh} block's note (tip, warning...) becomes an admonition of the same
    class with its title in Chinese."""
    for block in doctree.findall(lang_block):
        if block["lang"] != ZH:
            continue
        for kind, title in ZH_ADMONITION_TITLES.items():
            for node in list(block.findall(kind)):
                titled = nodes.admonition("", nodes.title("", title), *node.children, classes=[kind.__name__, *node["classes"]])
                titled.source, titled.line = node.source, node.line
                node.replace_self(titled)


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


#: Builders other than HTML print both languages in order: the pair and
#: its halves are plain containers there (man and texinfo crashed or warned
#: "unknown node type" without a visitor).
PLAIN = {writer: (_skip, _skip) for writer in ("latex", "text", "man", "texinfo")}


def setup_bilingual(app) -> None:
    app.add_node(bilingual_pair, html=(visit_pair, depart_div), **PLAIN)
    app.add_node(lang_block, html=(visit_block, depart_div), **PLAIN)
    app.add_node(lang_inline, html=(visit_inline, depart_span), **PLAIN)
    app.add_directive("bilingual", BilingualDirective)
    app.add_directive("zh", LangBlockDirective)
    app.add_directive("en", LangBlockDirective)
    app.add_role("zh", LangRole())
    app.add_role("en", LangRole())
    app.connect("doctree-read", check_pairing)
    app.connect("doctree-read", title_chinese_admonitions)
