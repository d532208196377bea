"""`python -m lessons handouts` on the real built book, read back with
poppler-utils (pdfinfo, pdftotext, pdffonts): every file opens, each holds
its language only, answer keys hold every answer, student copies none, and
the Chinese font is embedded with no missing glyph."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from lessons import handouts
from lessons.handouts.pdf import MARGIN
from lessons.paths import quiz_bank_path
from lessons.qtypes import of as qtype_of
from lessons.quizbank import load_bank
from bookpages import toc_pages

pytestmark = [pytest.mark.browser, pytest.mark.book]

LESSONS = [page.split("/")[-1] for page in toc_pages() if "/lesson-" in page]
MODES = ("zh-Hant", "en", "both")
# Answer lines that only an answer key can hold (ordering items, true/false,
# numbers and short text answers also print in the worksheet or the lesson).
KEY_ONLY_TYPES = ("single", "multiple", "matching", "classify", "open")


def poppler(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} not found: install poppler-utils (Debian: apt-get install poppler-utils); `make test` does it as root", pytrace=False)
    result = subprocess.run([path, *args], capture_output=True, text=True)
    assert result.returncode == 0, f"{tool} {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def handouts_dir(built_book, tmp_path_factory) -> Path:
    """One real run of the command, as `make handouts` runs it."""
    out = tmp_path_factory.mktemp("handouts")
    result = subprocess.run(
        [sys.executable, "-m", "lessons", "handouts", "--book", str(built_book), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


@cache
def text_of(path: Path) -> str:
    return poppler("pdftotext", "-enc", "UTF-8", str(path), "-")


@cache
def body_text_of(path: Path) -> str:
    """The text inside the page margins only: a passage that runs over a page
    break reads on without the running footer and header in between."""
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", poppler("pdfinfo", str(path))).groups())
    top, bottom = (float(MARGIN[side].removesuffix("mm")) * 72 / 25.4 for side in ("top", "bottom"))
    crop = ["-x", "0", "-y", str(int(top)), "-W", str(int(width)), "-H", str(int(height - top - bottom))]
    return poppler("pdftotext", "-enc", "UTF-8", *crop, str(path), "-")


def squeezed(text: str) -> str:
    """No white space and no hyphens: pdftotext breaks lines where the page
    did, and drops the hyphen where a line broke after one."""
    return re.sub(r"[\s\-]+", "", text)


def test_every_expected_file_exists_opens_and_is_a4(handouts_dir):
    for name in handouts.expected_files(LESSONS):
        info = poppler("pdfinfo", str(handouts_dir / name))
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1, name
        assert "(A4)" in info, name


def latin(text: str) -> str:
    """``text`` without Chinese characters and full-width punctuation."""
    return re.sub(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+", "", text)


def own_script(text: str, mode: str) -> str:
    """Only the Chinese characters of ``text`` (zh-Hant), else only the rest:
    pdftotext may read a run in the other script (digits in a Chinese line,
    a Chinese word in an English one) out of order."""
    return re.sub(r"[^\u3400-\u4dbf\u4e00-\u9fff]", "", text) if mode == "zh-Hant" else latin(text)


def read_back(wanted: str, text: str) -> bool:
    """``wanted`` is in ``text`` in order, perhaps with a few other words
    read back in between (within twice its length of where it starts)."""
    for match in re.finditer(re.escape(wanted[:6]), text):
        rest = iter(text[match.start() : match.start() + 2 * len(wanted)])
        if all(char in rest for char in wanted):
            return True
    return False


def _blocks(book: Path, lesson: str, lang: str) -> list:
    soup = BeautifulSoup((book / "book" / f"{lesson}.html").read_text(encoding="utf-8"), "html.parser")
    css = "bl-zh" if lang == "zh-Hant" else "bl-en"
    skip = ["lessons-notebooks", "lessons-handouts", "lq-quiz", "lq-worksheet", "lessons-screen-only"]
    return [block for block in soup.select(f"article div.{css}") if not block.find_parent(class_=skip)]


@cache
def passages(book: Path, lesson: str, lang: str) -> list[str]:
    """The start of every paragraph in the lesson page's ``lang`` blocks,
    less those the other language's blocks quote (the lessons compare the
    two versions of the brief word for word)."""
    length = 12 if lang == "zh-Hant" else 30
    other_lang = "en" if lang == "zh-Hant" else "zh-Hant"
    other = squeezed(" ".join(b.get_text() for b in _blocks(book, lesson, other_lang)) + " " + _bank_text(lesson, other_lang))
    starts = [squeezed(p.get_text())[:length] for block in _blocks(book, lesson, lang) for p in block.find_all("p")]
    return [start for start in starts if len(start) == length and start not in other]


@cache
def _bank_text(lesson: str, lang: str) -> str:
    """Every text of the lesson's quiz in ``lang`` (its cross-language items
    quote the other version of the brief on purpose)."""
    key = "zh" if lang == "zh-Hant" else "en"
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for name, value in node.items():
                if name == key and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(quiz_bank_path(lesson).read_text(encoding="utf-8")))
    return " ".join(found)


@pytest.mark.parametrize("lesson", LESSONS)
def test_an_english_handout_holds_english_only_and_a_chinese_one_chinese_only(built_book, handouts_dir, lesson):
    title = handouts.lesson_title(lesson)
    english = squeezed(text_of(handouts_dir / handouts.file_name(lesson, "student", "en")))
    chinese = squeezed(text_of(handouts_dir / handouts.file_name(lesson, "student", "zh-Hant")))
    assert squeezed(title.en) in english and squeezed(title.zh) not in english
    assert squeezed(title.zh) in chinese and squeezed(title.en) not in chinese
    assert passages(built_book, lesson, "en") and passages(built_book, lesson, "zh-Hant")
    assert [p for p in passages(built_book, lesson, "zh-Hant") if p in english] == [], "Chinese passages in the English handout"
    assert [p for p in passages(built_book, lesson, "en") if p in chinese] == [], "English passages in the Chinese handout"
    # pdftotext may read a Chinese quotation inside an English line out of
    # order (its glyphs sit on another baseline): compare the Latin text.
    latin_english = latin(english)
    assert [p for p in passages(built_book, lesson, "en") if latin(p)[:20] not in latin_english][:3] == [], "English passages missing from the English handout"
    assert "Page1of" in english and "第1頁，共" in chinese  # running footers
    both = squeezed(text_of(handouts_dir / handouts.file_name(lesson, "student", "both")))
    assert squeezed(title.en) in both and squeezed(title.zh) in both


def _texts(texts, mode: str) -> list[str]:
    langs = ("zh", "en") if mode == "both" else ("zh",) if mode == "zh-Hant" else ("en",)
    return [squeezed(getattr(text, lang)) for text in texts if text for lang in langs]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lesson", LESSONS)
def test_answer_keys_hold_every_answer_and_student_copies_none(handouts_dir, lesson, mode):
    bank = load_bank(quiz_bank_path(lesson))
    key = squeezed(body_text_of(handouts_dir / handouts.file_name(lesson, "answer-key", mode)))
    student = squeezed(body_text_of(handouts_dir / handouts.file_name(lesson, "student", mode)))
    for question in bank.questions:
        answers = qtype_of(question).answer_lines(question)
        missing = [line for line in _texts([*answers, question.explanation, *question.hints], mode) if line not in key]
        assert not missing, f"{question.id}: the {mode} answer key lacks {missing}"
        feedback = [o.feedback for o in question.options] + [s.feedback for s in question.statements]
        secrets = [question.explanation, *question.hints, *feedback, question.model_answer]
        if question.type in KEY_ONLY_TYPES:
            secrets += answers
        shown = [line for line in _texts(secrets, mode) if line in student]
        assert not shown, f"{question.id}: the {mode} student handout shows {shown}"
    rubric_heading = {"zh-Hant": "評分規準", "en": "Rubrics", "both": "Rubrics"}[mode]
    assert rubric_heading in key, "the guide's rubrics are missing"


@pytest.mark.parametrize("name", ["lesson-1-student-zh-Hant.pdf", "lesson-2-answer-key-both.pdf", "class-set-student-both.pdf"])
def test_the_chinese_font_is_embedded_and_every_font_too(handouts_dir, name):
    rows = poppler("pdffonts", str(handouts_dir / name)).splitlines()[2:]
    assert rows
    assert [row for row in rows if "UMing" in row and " yes " in row], "no embedded CJK font (AR PL UMing TW)"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_no_missing_glyph_in_any_handout(handouts_dir):
    for name in handouts.expected_files(LESSONS):
        text = text_of(handouts_dir / name)
        assert "\ufffd" not in text, f"{name}: a character could not be drawn or read back"


def test_letter_paper_by_option_for_one_lesson(built_book, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "lessons", "handouts", "--book", str(built_book), "--out", str(tmp_path), "--paper", "Letter", "--lesson", LESSONS[-1]],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.glob("*.pdf")) == sorted(handouts.expected_files([LESSONS[-1]]))
    assert "(letter)" in poppler("pdfinfo", str(tmp_path / handouts.file_name(LESSONS[-1], "student", "en")))


def test_without_a_built_book_the_command_says_to_run_make_book(tmp_path):
    result = subprocess.run([sys.executable, "-m", "lessons", "handouts", "--book", str(tmp_path / "none")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "run `make book` first" in result.stderr and "Traceback" not in result.stderr


# ---- data on paper, worksheets, unmistakable answers (issue 24) ---------------

WORKSHEET_PAGES = 4  # A4 pages per lesson and language (docs/benchmarks.md)


def pages_of(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(path))).group(1))


EVIDENCE_TABLES = "details.lessons-evidence-data table.lessons-evidence-table"
ROLE_CARD_TABLES = "table.role-data"  # the unit's role cards: each actor's figures


@cache
def quiz_tables_first_cells(book: Path, lesson: str, tables: str = EVIDENCE_TABLES) -> list[dict[str, str]]:
    """The first cell (a date, a year, an organisation) of every row of the
    ``tables`` in the sections the lesson quiz's questions come from, on the
    built page, in each language."""
    from lessons.handouts.worksheetdoc import data_sections

    soup = BeautifulSoup((book / "book" / f"{lesson}.html").read_text(encoding="utf-8"), "html.parser")
    cells = []
    for label in data_sections(load_bank(quiz_bank_path(lesson))):
        anchor = soup.find(id=label)
        section = anchor.find_parent("section") if anchor else None
        for table in section.select(tables) if section else []:
            for row in table.select("tbody tr"):
                first = row.find("td")
                for label_span in first.select(".lessons-cell-label"):
                    label_span.extract()
                cells.append({lang: squeezed(" ".join(s.get_text() for s in first.select(f'[lang="{lang}"]')) or first.get_text())
                              for lang in ("zh-Hant", "en")})
    return cells


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_handouts_and_worksheets_print_the_tables_their_questions_read(built_book, handouts_dir, lesson):
    """lesson-3-student-en.pdf printed "▶ Data table: 41 rows" and no row,
    then asked "Read the veto table". Every row of every table a quiz
    question's section holds now prints, in the handout and the worksheet."""
    evidence, role_cards = quiz_tables_first_cells(built_book, lesson), quiz_tables_first_cells(built_book, lesson, ROLE_CARD_TABLES)
    assert len(evidence) + len(role_cards) >= 7, (evidence, role_cards)
    # The worksheet carries the evidence tables; the unit's role cards print
    # in its student handout (the worksheet keeps to the quiz). A role card's
    # narrow value column wraps "founding member (since" above "2009-06-16)",
    # and pdftotext puts the next column between: its value before the
    # bracket must print.
    for kind, cards in (("student", role_cards), ("worksheet", [])):
        for mode in ("zh-Hant", "en"):
            text = squeezed(body_text_of(handouts_dir / handouts.file_name(lesson, kind, mode)))
            missing = [cell[mode] for cell in evidence if cell[mode] not in text]
            missing += [cell[mode] for cell in cards if re.split(r"[(（]", cell[mode])[0] not in text]
            assert missing == [], f"{kind} {mode}: rows missing {missing[:5]}"


@pytest.mark.parametrize("mode", ("zh-Hant", "en"))
@pytest.mark.parametrize("lesson", LESSONS)
def test_a_worksheet_is_short_holds_every_quiz_question_and_no_answer(handouts_dir, lesson, mode):
    path = handouts_dir / handouts.file_name(lesson, "worksheet", mode)
    assert pages_of(path) <= WORKSHEET_PAGES, f"{path.name}: {pages_of(path)} pages"
    text = squeezed(body_text_of(path))
    bank = load_bank(quiz_bank_path(lesson))
    # Each prompt's opening in the sheet's own script (own_script), read back
    # in order though the type hint may come back inside it; in two columns
    # pdftotext may read a long prompt's end after the other column.
    prompts = [own_script(p, mode)[:16] for p in _texts([question.prompt for question in bank.quiz_questions(None)], mode)]
    assert [p for p in prompts if not read_back(p, own_script(text, mode))] == []
    for question in bank.quiz_questions(None):
        secrets = [question.explanation, *question.hints, *(o.feedback for o in question.options), question.model_answer]
        if question.type in KEY_ONLY_TYPES:
            secrets += qtype_of(question).answer_lines(question)
        assert [line for line in _texts(secrets, mode) if line in text] == [], question.id
    assert "✓" not in text and "✗" not in text


@pytest.mark.parametrize("mode", ("zh-Hant", "en"))
@pytest.mark.parametrize("lesson", LESSONS)
def test_the_answer_key_says_answer_and_names_the_right_option(handouts_dir, lesson, mode):
    """A small ✓ among ✗ lines was the only mark: each choice question's key
    now opens with "Answer:" and the right option(s)."""
    key = squeezed(body_text_of(handouts_dir / handouts.file_name(lesson, "answer-key", mode)))
    bank = load_bank(quiz_bank_path(lesson))
    choice = [q for q in bank.questions if any(option.correct for option in q.options)]
    assert choice
    for question in choice:
        right = [option.text for option in question.options if option.correct]
        line = "答案：" + "；".join(t.zh for t in right) if mode == "zh-Hant" else "Answer: " + " / ".join(t.en for t in right)
        assert own_script(squeezed(line), mode) in own_script(key, mode), f"{question.id}: no {line!r}"


def test_screenshots_of_handout_pages_with_a_table_for_review(handouts_dir):
    """A worksheet page and a student-handout page holding the veto table, as PNG, for people to review."""
    from screens import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind in ("worksheet", "student"):
        path = handouts_dir / handouts.file_name("lesson-3", kind, "en")
        number = next(n for n in range(1, pages_of(path) + 1)
                      if "S/1997/18" in poppler("pdftotext", "-f", str(n), "-l", str(n), str(path), "-"))
        target = SCREENSHOTS / f"handout-lesson-3-{kind}-en-veto-table"
        poppler("pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(number), "-l", str(number), str(path), str(target))
        assert target.with_suffix(".png").stat().st_size > 20_000
