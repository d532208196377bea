"""A quiz bank as a static, self-checking HTML form for the published book.

The book has no kernel, so the quiz cell's MIME bundle carries this HTML and
the page grades it with ``static/grader.js`` (driven by ``static/quiz.js``).
Everything a student reads goes through :func:`lessons.bilingual.html_pair`
(escaped, with ``lang`` and the ``bl-zh`` / ``bl-en`` classes the book's
language switch keys on). Each question carries its bank mapping as JSON for
the page grader, escaped so bank text can never close the script element.

Without JavaScript the questions still read well and each answer with its
explanation sits in a closed ``<details>``; the JS-only controls (Check,
Reset, Export) are rendered ``hidden`` and ``quiz.js`` shows them.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re

from . import answers, grading
from .bilingual import Text, html_pair

#: Every piece of quiz interface text, shared by this form, quiz.js (as
#: JSON) and the live widget, so the two runtimes say the same things.
UI = {
    "quiz": Text("測驗", "Quiz"),
    "howto": Text(
        "作答後按「檢查答案」。答錯時會出現提示，可以再試一次。",
        "Answer, then press Check. A wrong try shows a hint and you can try again.",
    ),
    "nojs": Text(
        "這份測驗需要 JavaScript 才能自動批改；你也可以自己作答，再打開每題的「答案與說明」對照。",
        "This quiz checks itself when JavaScript is on. Without it, answer on your own and open each "
        "“Answer and explanation” to compare.",
    ),
    "single": Text("（單選）", "(choose one)"),
    "multiple": Text("（複選：選出所有正確的）", "(choose all that apply)"),
    "truefalse": Text("（是非題）", "(true or false)"),
    "numeric": Text("（填入數字）", "(enter a number)"),
    "ordering": Text("（排列順序）", "(put in order)"),
    "matching": Text("（配對）", "(match)"),
    "text": Text("（簡答）", "(short answer)"),
    "true": Text("對", "True"),
    "false": Text("錯", "False"),
    "your_answer": Text("你的答案", "Your answer"),
    "position": Text("順序", "Position"),
    "ordering_help": Text("為每一項選一個順序：1 排在最前面，每個數字只用一次。", "Give each item a position: 1 comes first; use each number once."),
    "matching_help": Text("為每個項目選出相配的一項。", "For each term, choose the match."),
    "choose": Text("— 請選擇 —", "— choose —"),
    "check": Text("檢查答案", "Check"),
    "retry": Text("再試一次", "Try again"),
    "hint": Text("提示 {n}", "Hint {n}"),
    "answer_and_explanation": Text("答案與說明", "Answer and explanation"),
    "answer": Text("答案", "Answer"),
    "explanation": Text("說明", "Explanation"),
    "read_section": Text("回到課文的這一節", "Read this section of the lesson"),
    "accepted": Text("可接受的答案", "Accepted answers"),
    "tolerance": Text("容許誤差 ±{tolerance}", "within ±{tolerance}"),
    # status_correct, status_partial, ... come from grading.STATUS_LABELS (below).
    "points": Text("（得分 {score} / {max}）", "(score {score} / {max})"),
    "choose_first": Text("請先作答，再按「檢查答案」。", "Answer first, then press Check."),
    "positions_incomplete": Text("請為每一項選一個不同的順序。", "Give every item a different position."),
    "hint_shown": Text("提示已顯示於下方。", "A hint is shown below."),
    "answer_shown": Text("答案與說明已顯示於下方。", "The answer and explanation are shown below."),
    "grader_failed": Text("批改程式出錯了，你的答案沒有遺失；請重新整理頁面再試。", "The grader failed; your answer is kept. Reload the page and try again."),
    "summary": Text(
        "本課得分：{score} / {max}（已作答 {answered} / {total} 題）",
        "Lesson score: {score} / {max} ({answered} of {total} questions answered)",
    ),
    "student": Text("姓名或代號（匯出時需要）", "Name or alias (needed to export)"),
    "student_first": Text("請先填寫姓名或代號，老師才知道這是誰的答案。", "Write your name or alias first, so your teacher knows whose answers these are."),
    "export": Text("匯出我的答案", "Export my answers"),
    "export_done": Text("已下載 {file}，請交給老師。", "Downloaded {file}: hand it in to your teacher."),
    "reset": Text("重設測驗", "Reset quiz"),
    "reset_confirm": Text("再按一次以清除本測驗的所有作答", "Press again to clear all answers of this quiz"),
    "reset_cancelled": Text("沒有清除任何作答。", "Nothing was cleared."),
    "reset_done": Text("已清除這份測驗的作答紀錄。", "This quiz's answers have been cleared."),
    "storage_failed": Text(
        "這個瀏覽器無法儲存你的作答；離開這一頁之前，請先匯出。",
        "Your answers can't be saved in this browser; export them before you leave.",
    ),
}
UI.update({f"status_{status}": words for status, (_symbol, words) in grading.STATUS_LABELS.items()})

TYPE_INPUT = {"single": "radio", "truefalse": "radio", "multiple": "checkbox"}


def render_bank_html(bank) -> str:
    """The whole bank as one self-checking ``<section class="lq-quiz">``."""
    root_id = _html_id("lq", bank.lesson)
    questions = "\n".join(_question(bank, question, number, root_id) for number, question in enumerate(bank.questions, 1))
    ui_json = _script_json(ui_data())
    return (
        f'<section class="lq-quiz" id="{root_id}" aria-labelledby="{root_id}-title"'
        f' data-book="{_attr(answers.COURSE)}" data-lesson="{_attr(bank.lesson)}"'
        f' data-course-version="{_attr(answers.course_version())}">\n'
        f'<h3 class="lq-title" id="{root_id}-title">{html_pair(UI["quiz"])}<span aria-hidden="true"> — </span>'
        f"{html_pair(bank.title)}</h3>\n"
        f'<p class="lq-howto lq-js-only" hidden>{html_pair(UI["howto"])}</p>\n'
        f'<p class="lq-howto lq-nojs-only">{html_pair(UI["nojs"])}</p>\n'
        # quiz.js fills this in when the browser refuses to store progress.
        '<p class="lq-storage-notice" role="status"></p>\n'
        f'<ol class="lq-questions">\n{questions}\n</ol>\n'
        f"{_footer(root_id)}\n"
        f'<script type="application/json" class="lq-ui">{ui_json}</script>\n'
        "</section>"
    )


def ui_data() -> dict:
    """What quiz.js reads from the page (script.lq-ui): every UI text, and
    the status symbols, so the book says exactly what the live quiz says."""
    data: dict = {name: text.to_dict() for name, text in UI.items()}
    data["symbols"] = {status: symbol for status, (symbol, _words) in grading.STATUS_LABELS.items()}
    return data


def display_order(question_id: str, count: int, salt: str = "") -> list[int]:
    """A shuffle of ``range(count)`` that is the same on every build (seeded
    by the question id) and, for two or more items, never the identity, so
    the page never lists an answer in its correct order."""
    seed = int.from_bytes(hashlib.sha256(f"{question_id}/{salt}".encode()).digest()[:8], "big")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


# ---- one question -----------------------------------------------------------


def _question(bank, question, number: int, root_id: str) -> str:
    qid = f"{root_id}-{_html_id(question.id)}"
    hints = "".join(
        f'<li class="lq-hint" hidden><strong>{html_pair(fill(UI["hint"], n=index))}</strong> '
        f'<span class="lq-stack">{html_pair(hint)}</span></li>'
        for index, hint in enumerate(question.hints, 1)
    )
    return (
        f'<li class="lq-question" id="{qid}" data-question-id="{_attr(question.id)}"'
        f' data-question-type="{_attr(question.type)}" data-question-hash="{_attr(question.content_hash)}"'
        f' data-max-score="{grading.max_score(question)}">\n'
        f'<script type="application/json" class="lq-bank">{_script_json(question.raw)}</script>\n'
        f'<fieldset class="lq-fieldset">\n'
        f'<legend class="lq-prompt"><span class="lq-number">{number}.</span> '
        f'<span class="lq-stack">{html_pair(question.prompt)}</span> '
        f'<span class="lq-type-hint">{html_pair(UI[question.type])}</span></legend>\n'
        f"{_controls(question, qid)}\n"
        "</fieldset>\n"
        f'<div class="lq-actions" hidden>'
        f'<button type="button" class="lq-check">{html_pair(UI["check"])}</button> '
        f'<button type="button" class="lq-retry" hidden>{html_pair(UI["retry"])}</button></div>\n'
        f'<div class="lq-feedback" role="status" aria-live="polite" tabindex="-1"></div>\n'
        f'<ul class="lq-hints">{hints}</ul>\n'
        f"{_answer_details(question)}\n"
        "</li>"
    )


def _controls(question, qid: str) -> str:
    kind = question.type
    if kind in ("single", "multiple"):
        return _choices(qid, TYPE_INPUT[kind], [option.text for option in question.options])
    if kind == "truefalse":
        return _choices(qid, "radio", [UI["true"], UI["false"]], values=["true", "false"])
    if kind in ("numeric", "text"):
        return _text_input(question, qid)
    if kind == "ordering":
        return _ordering(question, qid)
    if kind == "matching":
        return _matching(question, qid)
    raise ValueError(f"question {question.id!r}: unknown type {kind!r}")


def _choices(qid: str, input_type: str, texts: list[Text], values: list[str] | None = None) -> str:
    values = values or [str(index) for index in range(len(texts))]
    rows = "".join(
        f'<li><label class="lq-option" for="{qid}-o{index}">'
        f'<input type="{input_type}" class="lq-control" id="{qid}-o{index}" name="{qid}" value="{value}"> '
        f'<span class="lq-option-text">{html_pair(text)}</span></label></li>'
        for index, (text, value) in enumerate(zip(texts, values))
    )
    return f'<ul class="lq-options">{rows}</ul>'


def _text_input(question, qid: str) -> str:
    # numeric is a text field with a decimal keypad: students may type
    # full-width digits with a Chinese IME, which the grader normalises.
    mode = ' inputmode="decimal"' if question.type == "numeric" else ""
    unit = question.unit
    unit_html = f' <span class="lq-unit">{html_pair(unit)}</span>' if unit else ""
    return (
        f'<p class="lq-field"><label for="{qid}-input">{html_pair(UI["your_answer"])}</label> '
        f'<input type="text" class="lq-control" id="{qid}-input"{mode} autocomplete="off" spellcheck="false"'
        f' maxlength="1000">{unit_html}</p>'
    )


def _ordering(question, qid: str) -> str:
    count = len(question.items)
    positions = "".join(f'<option value="{p}">{p}</option>' for p in range(1, count + 1))
    blank = _bilingual_option("", UI["choose"])
    rows = "".join(
        f'<li><label for="{qid}-i{item}"><span class="lq-item-text">{html_pair(question.items[item])}</span></label> '
        f'<span class="lq-position-label" aria-hidden="true">{html_pair(UI["position"])}</span> '
        f'<select class="lq-control" id="{qid}-i{item}" data-item="{item}" aria-describedby="{qid}-help">'
        f"{blank}{positions}</select></li>"
        for item in display_order(question.id, count)
    )
    return f'<p class="lq-help" id="{qid}-help">{html_pair(UI["ordering_help"])}</p><ul class="lq-order-items">{rows}</ul>'


def _matching(question, qid: str) -> str:
    choices = _bilingual_option("", UI["choose"]) + "".join(
        _bilingual_option(str(match), question.pairs[match].match)
        for match in display_order(question.id, len(question.pairs), salt="matches")
    )
    rows = "".join(
        f'<li><label for="{qid}-t{term}"><span class="lq-item-text">{html_pair(pair.term)}</span></label> '
        f'<select class="lq-control" id="{qid}-t{term}" data-term="{term}" aria-describedby="{qid}-help">{choices}</select></li>'
        for term, pair in enumerate(question.pairs)
    )
    return f'<p class="lq-help" id="{qid}-help">{html_pair(UI["matching_help"])}</p><ul class="lq-match-terms">{rows}</ul>'


def _bilingual_option(value: str, text: Text) -> str:
    """An ``<option>`` holds no markup, so it cannot carry two language spans:
    it shows both ("中文 / English", so no single ``lang`` fits and it keeps
    the page's), and quiz.js relabels it from data-zh / data-en, with that
    ``lang``, when the reader picks one language."""
    return (
        f'<option value="{value}" data-zh="{_attr(text.zh)}" data-en="{_attr(text.en)}">'
        f"{html.escape(text.in_mode('both'))}</option>"
    )


# ---- answer, explanation, footer ------------------------------------------------


def _answer_details(question) -> str:
    explanation = ""
    if question.explanation:
        explanation = (
            f'<p class="lq-explanation"><strong>{html_pair(UI["explanation"])}</strong> '
            f'<span class="lq-stack">{html_pair(question.explanation)}</span></p>'
        )
    link = ""
    if question.section:
        link = f'<p><a class="lq-section-link" href="#{_attr(question.section)}">{html_pair(UI["read_section"])}</a></p>'
    return (
        f'<details class="lq-answer"><summary>{html_pair(UI["answer_and_explanation"])}</summary>'
        f'<div class="lq-answer-body"><p class="lq-answer-label"><strong>{html_pair(UI["answer"])}</strong></p>'
        f"{_answer(question)}{explanation}{link}</div></details>"
    )


def answer_lines(question) -> list[Text]:
    """The right answer as lines of text, in order (shared with the live quiz)."""
    kind = question.type
    if kind in ("single", "multiple"):
        # Every option, right or wrong, with its feedback: once the answer is
        # shown, the feedback of options the student did not choose helps too.
        return [_option_line(option) for option in question.options]
    if kind == "truefalse":
        return [UI["true"] if question.answer else UI["false"]]
    if kind == "numeric":
        value = _number(question.answer)
        unit = question.unit or Text("", "")
        line = Text(f"{value} {unit.zh}".strip(), f"{value} {unit.en}".strip())
        if question.tolerance:
            within = fill(UI["tolerance"], tolerance=_number(question.tolerance))
            line = Text(f"{line.zh}（{within.zh}）", f"{line.en} ({within.en})")
        return [line]
    if kind == "ordering":
        return list(question.items)
    if kind == "matching":
        return [Text(f"{p.term.zh} → {p.match.zh}", f"{p.term.en} → {p.match.en}") for p in question.pairs]
    if kind == "text":
        accepted = UI["accepted"]
        return [Text(f"{accepted.zh}：{'、'.join(question.accept.zh)}", f"{accepted.en}: {', '.join(question.accept.en)}")]
    raise ValueError(f"question {question.id!r}: unknown type {kind!r}")


def _option_line(option) -> Text:
    symbol, mark = grading.STATUS_LABELS["correct" if option.correct else "incorrect"]
    feedback = option.feedback or Text("", "")
    return Text(
        f"{symbol} {mark.zh}：{option.text.zh}" + (f"——{feedback.zh}" if feedback.zh else ""),
        f"{symbol} {mark.en}: {option.text.en}" + (f" — {feedback.en}" if feedback.en else ""),
    )


def _answer(question) -> str:
    tag = "ol" if question.type == "ordering" else "ul"
    rows = "".join(f"<li>{html_pair(line)}</li>" for line in answer_lines(question))
    return f'<{tag} class="lq-answer-list">{rows}</{tag}>'


def _footer(root_id: str) -> str:
    return (
        '<div class="lq-footer">'
        f'<p class="lq-summary lq-js-only" hidden></p>'
        f'<div class="lq-tools lq-js-only" hidden>'
        f'<p><label for="{root_id}-student">{html_pair(UI["student"])}</label> '
        f'<input type="text" class="lq-student" id="{root_id}-student" autocomplete="off" maxlength="100"></p>'
        f'<p><button type="button" class="lq-export">{html_pair(UI["export"])}</button> '
        f'<button type="button" class="lq-reset">{html_pair(UI["reset"])}</button></p>'
        '<p class="lq-tools-status" role="status" aria-live="polite"></p>'
        "</div></div>"
    )


# ---- small helpers -----------------------------------------------------------


def fill(text: Text, **values) -> Text:
    """``text`` with ``{name}`` placeholders filled in both languages
    (shared with the live quiz)."""
    return Text(text.zh.format(**values), text.en.format(**values))


def _number(value) -> str:
    """1991 rather than 1991.0; other floats as Python writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html_id(*parts: str) -> str:
    """An id made only of [a-z0-9-], whatever the bank says."""
    return "-".join(re.sub(r"[^a-z0-9-]+", "-", str(part).lower()) for part in parts)


def _script_json(data: object) -> str:
    """JSON safe inside <script>: no "<" at all, so neither "</script>" nor
    "<!--" in bank text can end or confuse the element. JSON.parse reads
    the \\u escapes back to the same characters."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

