"""The real book build: every page exists, holds both languages with the
right `lang` attributes, pairs every passage, teaches every bullet of the
brief, and loads nothing from another origin."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bookpages import toc_pages

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
BRIEF = ROOT / "book" / "data" / "brief.txt"
COVERAGE = ROOT / "book" / "data" / "coverage.yml"
HAN = re.compile(r"[\u4e00-\u9fff]")


def soup(built_book: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    """Compare text as a reader would: NFKC (full-width commas are commas), no white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("page", toc_pages())
def test_every_toc_page_is_built_with_both_languages(built_book, page):
    html = soup(built_book, page)
    article = html.select_one("article")
    zh = article.select('[lang="zh-Hant"]')
    en = article.select('[lang="en"]')
    assert zh and en, f"{page} must hold both languages"
    assert any(HAN.search(e.get_text()) for e in zh)
    for element in article.select(".bl-zh"):
        assert element.get("lang") == "zh-Hant", element
    for element in article.select(".bl-en"):
        assert element.get("lang") == "en", element


@pytest.mark.parametrize("page", toc_pages())
def test_every_passage_is_paired_in_order_and_non_empty(built_book, page):
    html = soup(built_book, page)
    pairs = html.select("article .bl-pair")
    assert pairs, f"{page} has no bilingual passages"
    for pair in pairs:
        halves = pair.find_all(recursive=False)
        assert [h.get("lang") for h in halves] == ["zh-Hant", "en"], pair
        assert all(h.get_text(strip=True) for h in halves), pair
    for heading in html.select("article h1, article h2, article h3"):
        langs = [span.get("lang") for span in heading.select("span[lang]")]
        if langs:
            assert langs.count("zh-Hant") == langs.count("en"), heading


def test_only_toc_files_become_pages(built_book):
    built = {p.relative_to(built_book).with_suffix("").as_posix() for p in built_book.rglob("*.html")}
    assert set(toc_pages()) <= built
    assert not [p for p in built if p.startswith(("src/", "tests/", "docs/", ".venv/")) or p in ("README", "CONTRIBUTING")]


@pytest.mark.parametrize("page", toc_pages())
def test_pages_load_nothing_from_another_origin(built_book, page):
    html = soup(built_book, page)
    remote = re.compile(r"^(https?:)?//")
    scripts = [s["src"] for s in html.select("script[src]") if remote.match(s["src"])]
    styles = [s["href"] for s in html.select("link[rel~=stylesheet]") if remote.match(s["href"])]
    fonts = [s["href"] for s in html.select("link[rel~=preload]") if remote.match(s["href"])]
    assert not scripts + styles + fonts
    assert "thebe" not in " ".join(s.get("src", "") for s in html.select("script"))
    # The saved widget state is only read by the CDN widget manager: never shipped.
    assert not html.select('script[type="application/vnd.jupyter.widget-state+json"]')



def script_names(html: BeautifulSoup) -> set[str]:
    return {s["src"].split("?")[0].rsplit("/", 1)[-1] for s in html.select("script[src]")}


@pytest.mark.parametrize("page", toc_pages())
def test_quiz_scripts_load_only_on_pages_with_a_quiz(built_book, page):
    html = soup(built_book, page)
    quiz_scripts = {"grader.js", "quiz.js"} & script_names(html)
    if html.select("article .lq-quiz"):
        assert quiz_scripts == {"grader.js", "quiz.js"}, f"{page} holds a quiz but does not load its scripts"
    else:
        assert not quiz_scripts, f"{page} has no quiz but loads {sorted(quiz_scripts)}"
    assert "language.js" in script_names(html)  # every page switches language


def test_a_lesson_page_loads_the_quiz_scripts_and_the_home_page_does_not(built_book):
    lessons = [page for page in toc_pages() if page.startswith("book/lesson-")]
    assert lessons
    for page in lessons:
        assert {"grader.js", "quiz.js"} <= script_names(soup(built_book, page)), page
    assert not {"grader.js", "quiz.js"} & script_names(soup(built_book, "book/index"))

# Coverage of the brief -------------------------------------------------------


def brief_bullets() -> tuple[list[str], list[str]]:
    """The brief's summary and bullets, (zh, en), in the brief's order."""
    text = BRIEF.read_text(encoding="utf-8")
    zh_part, en_part = text.split("Summary:")
    bullet = re.compile(r"^\s*(?:•|\d+\.)\s*(.+?)\s*$")

    def bullets(part: str, summary_after: str | None) -> list[str]:
        lines = [line.strip() for line in part.splitlines()]
        found = [m.group(1) for line in lines if (m := bullet.match(line))]
        if summary_after:
            start = lines.index(summary_after)
            found.insert(0, next(line for line in lines[start + 1 :] if line))
        else:
            found.insert(0, next(line for line in lines if line))
        return found

    return bullets(zh_part, "摘要"), bullets(en_part, None)


def coverage_entries(kind: str) -> list[dict]:
    """The coverage map's entries of one kind: ``sections`` (where a bullet
    is taught) or ``evidence`` (an evidence section testing a bullet)."""
    return [e for e in yaml.safe_load(COVERAGE.read_text(encoding="utf-8")) if kind in e]


def test_coverage_map_names_every_bullet_of_the_brief_once():
    zh_bullets, en_bullets = brief_bullets()
    assert len(zh_bullets) == len(en_bullets) == 13  # the summary and 12 bullets
    entries = coverage_entries("sections")
    for index, (zh, en) in enumerate(zip(zh_bullets, en_bullets)):
        matches = [e for e in entries if e["zh"] in zh and e["en"] in en]
        assert len(matches) == 1, f"brief bullet {index} is mapped {len(matches)} times in {COVERAGE.name}: {en[:60]}"
    assert len(entries) == len(zh_bullets), f"{COVERAGE.name} has entries that match no bullet"


@pytest.mark.parametrize("entry", coverage_entries("sections"), ids=lambda e: e["en"][:30])
def test_each_bullet_is_quoted_in_both_languages_where_the_map_says(built_book, entry):
    zh_found = en_found = False
    for target in entry["sections"]:
        page, label = target.split("#")
        html = soup(built_book, f"book/{page}")
        anchor = html.find(id=label)
        assert anchor is not None, f"{target}: no section with label ({label})= on book/{page}.md"
        # Sphinx marks a label with an empty <span id> inside the section it names.
        section = anchor if anchor.name == "section" else anchor.find_parent("section")
        zh_text = squash(" ".join(e.get_text() for e in section.select('[lang="zh-Hant"]')))
        en_text = squash(" ".join(e.get_text() for e in section.select('[lang="en"]')))
        zh_found |= squash(entry["zh"]) in zh_text
        en_found |= squash(entry["en"]).lower() in en_text.lower()
    assert zh_found, f"no section of {entry['sections']} quotes 「{entry['zh']}」 in a zh-Hant block"
    assert en_found, f"no section of {entry['sections']} quotes \"{entry['en']}\" in an en block"


def test_quiz_explanations_point_at_sections_that_exist(built_book):
    from lessons.quizbank import load_bank

    for bank_path in sorted((ROOT / "book" / "quizzes").glob("*.yml")):
        bank = load_bank(bank_path)
        html = soup(built_book, f"book/{bank.lesson}")
        for question in bank.questions:
            assert html.find(id=question.section) is not None, (
                f"{bank_path.name}: {question.id}: section {question.section!r} is not a label on book/{bank.lesson}.md"
            )


def test_rebuild_with_no_change_executes_nothing(built_book):
    output = built_book.parent.parent  # the fixture's --path-output (<output>/_build/html)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", str(output), "--keep-going", "-n", "-W"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Executing" not in result.stdout, result.stdout[-3000:]


# --------------------------------------------------------------------------
# Evidence sections (issue 11): each tests a bullet of the brief against a dataset
# --------------------------------------------------------------------------

#: The brief's claims the datasets can test, by the words of its bullet:
#: each must have an evidence section (the test fails if one is missing).
TESTABLE_CLAIMS = ("frequent drills", "profound trade ties", "toward Ukraine in 2014 and 2022",
                   "coordinate to impede the US", "set up and expanded BRICS and SCO",
                   "It will take time to transform BRICS and SCO", "wary of each other")


def test_every_testable_claim_has_an_evidence_section_in_the_map():
    zh_bullets, en_bullets = brief_bullets()
    entries = coverage_entries("evidence")
    for entry in entries:
        matches = [i for i, (zh, en) in enumerate(zip(zh_bullets, en_bullets)) if entry["zh"] in zh and entry["en"] in en]
        assert len(matches) == 1, f"{COVERAGE.name}: evidence {entry['evidence']} quotes {len(matches)} bullets: {entry['en']}"
    from lessons import datasets

    for entry in entries:
        assert entry["dataset"] in datasets.NAMES, f"{COVERAGE.name}: {entry['evidence']}: no dataset {entry['dataset']!r}"
    for claim in TESTABLE_CLAIMS:
        tested = [e for e in entries if any(claim in en and e["en"] in en for en in en_bullets)]
        assert tested, f"no evidence section in {COVERAGE.name} tests the claim {claim!r}"


def evidence_section(built_book: Path, target: str):
    page, label = target.split("#")
    html = soup(built_book, f"book/{page}")
    anchor = html.find(id=label)
    assert anchor is not None, f"{target}: evidence section ({label})= is missing from book/{page}.md"
    return anchor if anchor.name == "section" else anchor.find_parent("section")


@pytest.mark.parametrize("entry", coverage_entries("evidence"), ids=lambda e: e["evidence"])
def test_evidence_section_quotes_its_bullet_in_both_languages_as_context(built_book, entry):
    section = evidence_section(built_book, entry["evidence"])
    contexts = section.select(".context")
    for lang, fragment in (("zh-Hant", entry["zh"]), ("en", entry["en"])):
        quoted = " ".join(c.get_text() for c in contexts if c.find_parent(attrs={"lang": lang}) or c.get("lang") == lang)
        assert squash(fragment).lower() in squash(quoted).lower(), (
            f"{entry['evidence']}: the {lang} context box does not quote the brief's words {fragment!r}")
    # The chart (three language modes), its table and a Try-it quiz are in the section.
    for mode in ("zh-Hant", "en", "both"):
        assert section.select_one(f".bl-mode-{mode} svg.lessons-evidence-chart"), f"{entry['evidence']}: no {mode} chart"
    assert section.select_one("table.lessons-evidence-table"), f"{entry['evidence']}: no data table"
    assert section.select_one(".lq-quiz"), f"{entry['evidence']}: no Try-it quiz"


def test_every_evidence_section_on_a_page_is_in_the_map(built_book):
    listed = {e["evidence"] for e in coverage_entries("evidence")}
    for page in toc_pages():
        if not page.startswith("book/lesson-"):
            continue
        html = soup(built_book, page)
        for anchor in html.find_all(id=re.compile(r"^l\d+-evidence-")):
            target = f"{page.removeprefix('book/')}#{anchor['id']}"
            assert target in listed, f"{target}: an evidence section not named in {COVERAGE.name}"
