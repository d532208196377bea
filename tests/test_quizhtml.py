"""The static quiz form of the published book: safe, bilingual, accessible,
and it never lists an answer in its correct order."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quiz_sample
from lessons import answers
from lessons.bilingual import Text
from lessons.quizhtml import UI, display_order, render_bank_html

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "param", "track"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list = []  # Node or str

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag=None, cls=None):
        return [
            n for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def lang(self):
        node = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return None


class TreeBuilder(HTMLParser):
    """A small DOM from the standard library's parser (the same tokenising
    rules a browser uses for <script>: raw text up to </script>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return quiz_sample.load(tmp_path_factory.mktemp("bank"))


@pytest.fixture(scope="module")
def markup(bank):
    return render_bank_html(bank)


@pytest.fixture(scope="module")
def dom(markup):
    return parse(markup)


def question_node(dom, question_id):
    [node] = [n for n in dom.find_all("li", "lq-question") if n.attrs["data-question-id"] == question_id]
    return node


def test_bank_text_with_markup_shows_as_text_and_runs_nothing(dom, markup):
    probe = question_node(dom, "xss-probe")
    legend = probe.find_all("legend")[0]
    assert "<script>window.__xss = 1</script>探針" in legend.text()
    assert "<img src=x onerror=\"alert('xss')\"> probe" in legend.text()
    option_text = probe.find_all("ul", "lq-options")[0].text()
    assert "</script><script>window.__xss = 3</script>" in option_text
    assert "&amp; 與 &lt;" in option_text  # an entity written by an author stays literal
    assert "<iframe src=javascript:alert(8)>" in probe.find_all("li", "lq-hint")[0].text()
    assert "<img src=x onerror=alert(10)>" in probe.find_all("details")[0].text()
    # Nothing from the bank became an element or an attribute.
    tags = {node.tag for node in dom.iter()}
    assert not tags & {"img", "svg", "iframe", "style", "b"}
    assert all(node.attrs["href"].startswith("#") for node in dom.find_all("a"))
    assert not [name for node in dom.iter() for name in node.attrs if name.startswith("on")]
    # The only scripts are inert JSON data blocks.
    scripts = dom.find_all("script")
    assert scripts and all(node.attrs.get("type") == "application/json" for node in scripts)
    assert "<img" not in markup and "<iframe" not in markup


def test_embedded_bank_json_cannot_break_out_and_reads_back_exactly(bank, dom):
    for question in bank.questions:
        node = question_node(dom, question.id)
        [script] = node.find_all("script", "lq-bank")
        raw = script.text()
        assert "</" not in raw and "<!--" not in raw and "<" not in raw
        assert json.loads(raw) == question.raw
        assert node.attrs["data-question-hash"] == question.content_hash
        assert node.attrs["data-question-type"] == question.type
    [ui] = dom.find_all("script", "lq-ui")
    assert json.loads(ui.text())["check"] == {"zh": "檢查答案", "en": "Check"}


def test_quiz_root_names_book_lesson_and_course_version(dom):
    [root] = dom.find_all("section", "lq-quiz")
    assert root.attrs["data-book"] == answers.COURSE
    assert root.attrs["data-lesson"] == quiz_sample.LESSON
    assert root.attrs["data-course-version"] == answers.course_version()


def test_every_visible_text_carries_a_language(dom):
    """Each text node sits inside an element with lang (numbers and marks aside),
    and bl-zh / bl-en always pair with lang zh-Hant / en."""
    neutral = re.compile(r"^[\s\d.\-—→·/]*$")
    missing = []
    for node in dom.iter():
        if node.tag in ("script", "#root", "option"):  # options: see below
            continue
        for child in node.children:
            if isinstance(child, str) and not neutral.match(child) and node.lang() is None:
                missing.append((node.tag, child))
    assert missing == []
    for node in dom.find_all(cls="bl-zh"):
        assert node.attrs["lang"] == "zh-Hant"
    for node in dom.find_all(cls="bl-en"):
        assert node.attrs["lang"] == "en"
    # <option> cannot hold two spans: it carries both texts for quiz.js to
    # pick. Showing "中文 / English" it is in no single language, so it
    # claims none (it keeps the page's); quiz.js sets lang with one language.
    for option in dom.find_all("option"):
        if not option.text().strip().isdigit():
            assert "lang" not in option.attrs and option.attrs["data-zh"] and option.attrs["data-en"]
            assert option.text() == f'{option.attrs["data-zh"]} / {option.attrs["data-en"]}'


def test_each_question_is_a_fieldset_with_legend_and_a_polite_live_region(bank, dom):
    for question in bank.questions:
        node = question_node(dom, question.id)
        [fieldset] = node.find_all("fieldset")
        assert fieldset.children and [c for c in fieldset.children if isinstance(c, Node)][0].tag == "legend"
        [feedback] = node.find_all(cls="lq-feedback")
        assert feedback.attrs["aria-live"] == "polite"
        # Every control has a label naming it.
        labels = {n.attrs.get("for") for n in node.find_all("label")}
        for control in node.find_all(cls="lq-control"):
            assert control.attrs["id"] in labels


def test_controls_match_each_type(dom):
    assert [n.attrs["type"] for n in question_node(dom, "closer-since").find_all("input")] == ["radio"] * 3
    assert [n.attrs["type"] for n in question_node(dom, "bilateral-ties").find_all("input")] == ["checkbox"] * 3
    assert [n.attrs["value"] for n in question_node(dom, "no-alliance").find_all("input")] == ["true", "false"]
    [number] = question_node(dom, "soviet-collapse-year").find_all("input")
    assert number.attrs["type"] == "text" and number.attrs["inputmode"] == "decimal"
    assert len(question_node(dom, "anchor-years").find_all("select")) == 4
    assert len(question_node(dom, "ties-matched").find_all("select")) == 3
    [text] = question_node(dom, "hegemony").find_all("input")
    assert text.attrs["type"] == "text" and "inputmode" not in text.attrs


def test_ordering_never_shows_items_in_answer_order(bank, dom):
    question = bank.question("anchor-years")
    selects = question_node(dom, "anchor-years").find_all("select")
    shown = [int(s.attrs["data-item"]) for s in selects]
    assert sorted(shown) == list(range(len(question.items)))
    assert shown != sorted(shown)
    # ...and the labels are in that shuffled order, not the bank's.
    labels = [n.text() for n in question_node(dom, "anchor-years").find_all(cls="lq-item-text")]
    assert labels == [question.items[i].zh + question.items[i].en for i in shown]
    # Positions are plain numbers: nothing in a <select> hints at the answer.
    for select in selects:
        assert [o.attrs["value"] for o in select.find_all("option")] == ["", "1", "2", "3", "4"]


def test_matching_choices_are_not_in_term_order(bank, dom):
    for select in question_node(dom, "ties-matched").find_all("select"):
        values = [o.attrs["value"] for o in select.find_all("option")][1:]
        assert sorted(values) == ["0", "1", "2"] and values != ["0", "1", "2"]


@given(st.text(min_size=1, max_size=30), st.integers(min_value=2, max_value=12))
def test_display_order_is_a_stable_shuffle_never_the_identity(question_id, count):
    order = display_order(question_id, count)
    assert sorted(order) == list(range(count))
    assert order != list(range(count))
    assert display_order(question_id, count) == order


def test_without_javascript_answers_sit_in_closed_details_and_js_controls_are_hidden(bank, dom):
    for question in bank.questions:
        node = question_node(dom, question.id)
        [details] = node.find_all("details")
        assert "open" not in details.attrs and "hidden" not in details.attrs
        body = details.text()
        assert question.explanation.zh in body and question.explanation.en in body
        [link] = details.find_all("a")
        assert link.attrs["href"] == f"#{question.section}"
        [actions] = node.find_all(cls="lq-actions")
        assert "hidden" in actions.attrs
        assert all("hidden" in hint.attrs for hint in node.find_all(cls="lq-hint"))
    for cls in ("lq-tools", "lq-summary"):
        [node] = dom.find_all(cls=cls)
        assert "hidden" in node.attrs
    texts = [n.text() for n in dom.find_all(cls="lq-nojs-only")]
    assert texts and UI["nojs"].en in texts[0]


def test_answers_are_written_out_for_every_type(bank, dom):
    def answer_text(question_id):
        return question_node(dom, question_id).find_all("details")[0].text()

    assert "Since the collapse of the Soviet Union" in answer_text("closer-since")
    # Every option is listed with its verdict in words and symbol, and its feedback.
    assert "✓ Correct: Arms sales" in answer_text("bilateral-ties")
    assert "✗ Incorrect: A shared currency — The brief says nothing of a shared currency." in answer_text("bilateral-ties")
    assert "False" in answer_text("no-alliance") and "錯" in answer_text("no-alliance")
    assert "1991" in answer_text("soviet-collapse-year")
    ordered = answer_text("anchor-years")
    positions = [ordered.index(item.en) for item in bank.question("anchor-years").items]
    assert positions == sorted(positions)
    assert "Military → Arms sales and frequent drills" in answer_text("ties-matched")
    assert "developing countries" in answer_text("hegemony") and "發展中國家" in answer_text("hegemony")


def test_rendering_is_deterministic(bank):
    # The same bank gives byte-identical HTML, so cached book builds stay valid.
    assert render_bank_html(bank) == render_bank_html(bank)


def test_status_words_and_symbols_are_defined_once_for_book_live_and_grades(dom):
    from importlib import resources

    from lessons import quizui, widgets
    from lessons.quizhtml import fill

    [ui] = dom.find_all("script", "lq-ui")
    data = json.loads(ui.text())
    for status, (symbol, words) in quizui.STATUS_LABELS.items():
        assert UI[f"status_{status}"] == words
        assert data[f"status_{status}"] == words.to_dict()
        assert data["symbols"][status] == symbol
    # quiz.js reads them from the page instead of keeping its own copy.
    script = (resources.files("lessons") / "static" / "quiz.js").read_text(encoding="utf-8")
    assert not set("✓✗◐⚠✎") & set(script)
    assert widgets.fill is fill and not hasattr(widgets, "_fill")


def test_an_empty_storage_notice_waits_at_the_top_of_the_quiz(dom):
    [notice] = dom.find_all(cls="lq-storage-notice")
    assert notice.attrs["role"] == "status" and notice.text() == ""
    [ui] = dom.find_all("script", "lq-ui")
    assert json.loads(ui.text())["storage_failed"]["en"].startswith("Your answers can't be saved in this browser")


def test_the_page_carries_the_export_format_so_quiz_js_never_repeats_it(dom):
    from importlib import resources

    from lessons import answers

    [root] = dom.find_all("section", "lq-quiz")
    assert root.attrs["data-format"] == answers.FORMAT and root.attrs["data-format-version"] == str(answers.VERSION)
    script = (resources.files("lessons") / "static" / "quiz.js").read_text(encoding="utf-8")
    assert answers.FORMAT not in script and "version: 1" not in script and "version: 2" not in script


def test_reveal_shows_the_canonical_text_answer_never_the_accepted_variants(bank):
    from lessons.quizhtml import answer_lines

    question = bank.question("hegemony")
    assert len(question.accept.en) > 1, "the sample accepts a variant"
    assert answer_lines(question) == [Text("發展中國家", "developing countries")]
    page = render_bank_html(bank)
    assert "the developing countries" not in page.split('class="lq-answer"', 1)[1].split("</details>", 1)[0]


def test_several_forms_of_one_bank_on_one_page_have_distinct_ids_and_one_store(bank):
    lesson_form = render_bank_html(bank)
    tryit_form = render_bank_html(bank, ["said-or-inferred"])
    assert 'id="lq-lesson-sample"' in lesson_form and 'id="lq-lesson-sample-q-said-or-inferred"' in tryit_form
    # One store per lesson: the same book and lesson on both, so their progress is shared.
    for form in (lesson_form, tryit_form):
        assert 'data-lesson="lesson-sample"' in form


def test_forms_on_one_page_have_distinct_titles(tmp_path):
    """Two forms titled "Quiz — …" looked like one quiz with two scores (issue 24):
    the lesson quiz is "Quiz", a Try it form "Try it", numbered when the bank has several."""
    from bs4 import BeautifulSoup

    text = quiz_sample.BANK_YAML
    for qid in ("said-or-inferred", "no-alliance"):
        text = text.replace(f"  - id: {qid}\n", f"  - id: {qid}\n    tryit: true\n")
    bank = quiz_sample.load(tmp_path, text)
    forms = [render_bank_html(bank), render_bank_html(bank, ["said-or-inferred"]), render_bank_html(bank, ["no-alliance"])]
    titles = [BeautifulSoup(form, "html.parser").find("h3", class_="lq-title") for form in forms]
    words = [[span.get_text() for span in title.find_all("span", lang="en")] for title in titles]
    assert [w[0] for w in words] == ["Quiz", "Try it 2", "Try it 1"], "numbered in bank order: no-alliance comes first"
    assert [title.find("span", lang="zh-Hant").get_text() for title in titles] == ["測驗", "試試看 2", "試試看 1"]
