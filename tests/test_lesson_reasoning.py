"""The lessons claim no more than their evidence (issue 22).

Source-level checks of the lesson prose, the glossary and the instructor
guide against the data files (no build needed):

- the counts the reasoning boxes give add up and match book/data;
- both readings of "their reluctance" stay open, in the lesson and the guide;
- every lesson has a Perspectives box in both languages;
- the guide's count of differences matches the Reading across languages boxes;
- phrases the translation review retired do not come back.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
DATA = BOOK / "data"
PROSE = ["index", "glossary", "instructor-guide", "data-sources"]


def toc_lessons() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [chapter["file"].removeprefix("book/") for chapter in toc["chapters"]]
    return [name for name in files if name.startswith("lesson-")]


LESSONS = toc_lessons()


def text(page: str) -> str:
    return (BOOK / f"{page}.md").read_text(encoding="utf-8")


def half(source: str, language: str) -> str:
    """All the {zh} (or {en}) halves of a page's bilingual blocks, joined."""
    return "\n".join(re.findall(rf"^:::\{{{language}\}}\n(.*?)^:::$", source, flags=re.M | re.S))


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def section(source: str, label: str) -> str:
    """The text from a `(label)=` target to the next target."""
    match = re.search(rf"^\({re.escape(label)}\)=\n(.*?)(?=^\([a-z0-9-]+\)=$|\Z)", source, flags=re.M | re.S)
    assert match, f"no section ({label})= found"
    return match.group(1)


# --------------------------------------------------------------------------
# Counts that add up
# --------------------------------------------------------------------------


def veto_counts() -> dict[str, int]:
    vetoes = rows("unsc-vetoes")
    pairs = Counter((row["russia"], row["china"]) for row in vetoes)
    russia_alone = [row for row in vetoes if row["russia"] == "vetoed" and row["china"] != "vetoed"]
    return {
        "total": len(vetoes),
        "joint": pairs[("vetoed", "vetoed")],
        "russia_alone": len(russia_alone),
        "russia_alone_known": sum(1 for row in russia_alone if row["china"]),
        "china_alone": sum(1 for row in vetoes if row["china"] == "vetoed" and row["russia"] != "vetoed"),
    }


def test_lesson_3_veto_counts_add_up_to_the_data():
    counts = veto_counts()
    assert counts["joint"] + counts["russia_alone"] + counts["china_alone"] == counts["total"]
    box = section(text("lesson-3"), "l3-evidence-institutions")
    sum_en = f"{counts['joint']} + {counts['russia_alone']} + {counts['china_alone']} = {counts['total']}"
    sum_zh = f"{counts['joint']}＋{counts['russia_alone']}＋{counts['china_alone']}＝{counts['total']}"
    assert sum_en in half(box, "en"), f"book/lesson-3.md: the veto box should add up as {sum_en}"
    assert sum_zh in half(box, "zh"), f"book/lesson-3.md: the veto box should add up as {sum_zh}"
    assert f"Russia more often vetoed alone ({counts['russia_alone']} times)" in box
    assert f"on {counts['russia_alone_known']} of these China's vote is known" in box


def test_lesson_1_says_how_many_drills_are_bilateral():
    drills = rows("china-russia-exercises")
    bilateral = [row for row in drills if row["format"] == "bilateral"]
    box = section(text("lesson-1"), "l1-evidence-drills")
    assert f"of the {len(drills)} rows only {len(bilateral)} are bilateral" in box, (
        f"book/lesson-1.md: say that {len(bilateral)} of the {len(drills)} drills are bilateral"
    )
    assert f"the other {len(drills) - len(bilateral)} are multilateral" in box
    # The rise the box reports must hold for the bilateral rows alone.
    by_period = [
        sum(1 for row in bilateral if first <= int(row["start_date"][:4]) <= last)
        for first, last in ((2005, 2011), (2012, 2020), (2021, 2024))
    ]
    assert by_period == sorted(by_period) and by_period[0] < by_period[-1]
    assert f"{by_period[0]} in 2005–2011, {by_period[1]} in 2012–2020" in box


# --------------------------------------------------------------------------
# An ambiguity stays open
# --------------------------------------------------------------------------

SETTLED = [
    "The Chinese version settles it",
    "the other language's version often settles what the author meant",
    "'Their reluctance' is the Global South's reluctance.",
    "對照中文版，就知道指的是中俄",
    "主語是「中俄」，沒有歧義",
]


@pytest.mark.parametrize("page", ["lesson-3", "instructor-guide"])
def test_their_reluctance_is_not_settled(page):
    settled = [phrase for phrase in SETTLED if phrase in text(page)]
    assert not settled, f"book/{page}.md settles whose reluctance is meant: {settled}; present both readings"


def test_lesson_3_presents_both_readings_in_both_languages():
    box = section(text("lesson-3"), "l3-reading-across")
    en, zh = half(box, "en"), half(box, "zh")
    assert "most natural reading is the Global South countries" in en and "China and Russia are the ones" in en
    assert "最自然的讀法是指全球南方國家" in zh and "不願結盟的是中俄" in zh
    assert "keeps both readings open" in en and "兩種讀法都保留" in zh


# --------------------------------------------------------------------------
# Balance and the guide
# --------------------------------------------------------------------------


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_perspectives_box_in_both_languages(lesson):
    source = text(lesson)
    for language, title in (("zh", "觀點（非摘要原文）"), ("en", "Perspectives (not from the brief)")):
        block = half(source, language)
        assert re.search(rf"```{{admonition}} {re.escape(title)}\n:class: context perspectives", block), (
            f"book/{lesson}.md: add a Perspectives box ({title}, :class: context perspectives) to the {language} half"
        )


NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14}


def differences_in(lesson: str) -> int:
    """How many differences the lesson's English Reading across languages box lists."""
    box = re.search(r"```\{admonition\} Reading across languages\n:class: reading-across\n(.*?)```",
                    half(text(lesson), "en"), flags=re.S)
    assert box, f"book/{lesson}.md has no Reading across languages box"
    return box.group(1).count("**Why it matters**")


def test_the_guide_counts_the_differences_the_boxes_list():
    claim = re.search(r"list (\w+) places where the two versions differ \(([^)]*)\)", text("instructor-guide"))
    assert claim, "book/instructor-guide.md: say how many places the Reading across languages boxes list"
    stated = {int(n): NUMBER_WORDS[w] for w, n in re.findall(r"(\w+) in lesson (\d+)", claim.group(2))}
    for number, count in stated.items():
        assert differences_in(f"lesson-{number}") == count, f"lesson {number}: the guide says {count}"
    assert NUMBER_WORDS[claim.group(1)] == sum(stated.values())


REVIEWED_DIFFERENCES = {
    "lesson-3": ["密切協調", "成功阻止", "不少", "their"],
    "lesson-4": ["摩擦", "共同抗美的目標", "很忌憚", "變化與變革"],
}


@pytest.mark.parametrize("lesson", sorted(REVIEWED_DIFFERENCES))
def test_the_reading_across_boxes_cover_the_reviewed_differences(lesson):
    box = re.search(r"```\{admonition\} 跨語言閱讀\n:class: reading-across\n(.*?)```", half(text(lesson), "zh"), flags=re.S)
    assert box, f"book/{lesson}.md has no Reading across languages box"
    headings = re.findall(r"^\*\*[一二三四五六七八九十]、(.*?)\*\*$", box.group(1), flags=re.M)
    missing = [word for word in REVIEWED_DIFFERENCES[lesson] if not any(word in h for h in headings)]
    assert not missing, f"book/{lesson}.md: the Reading across languages box has no numbered item for {missing}"


# --------------------------------------------------------------------------
# Retired phrasings
# --------------------------------------------------------------------------

RETIRED = {
    "使主張變得複雜": "write 保留之處",
    "支持與複雜之處": "write 支持之處與保留之處",
    "靠攏": "write 靠近 or 走近 (靠攏 suggests currying favour)",
    "結盟（靠攏）": "write 結盟",
    "哪一個比較最準確": "write 哪一個最準確",
    "This lesson reads": "write This lesson covers",
    "What to remember is the brief's judgement itself": "say what to take away plainly",
    "a quiz that checks itself": "write a self-marking quiz",
    "(as of 31 December 2024)": "give the as-of date once",
}


@pytest.mark.parametrize("page", LESSONS + PROSE)
def test_retired_phrasings_stay_retired(page):
    found = [f"{phrase!r} ({fix})" for phrase, fix in RETIRED.items() if phrase in text(page)]
    assert not found, f"book/{page}.md: {found}"


@pytest.mark.parametrize("page", LESSONS + ["glossary", "index"])
def test_chinese_halves_quote_english_with_curly_quotes(page):
    """Sphinx's smart quotes turn a straight quote after a full-width colon
    into a closing one (：”…”); the Chinese halves write “…” themselves."""
    straight = [
        line.strip()[:60]
        for line in half(text(page), "zh").splitlines()
        if '"' in re.sub(r"<[^>\n]*>|`[^`\n]*`", "", line)
    ]
    assert not straight, f"book/{page}.md: quote English in the Chinese halves with “…”: {straight}"


def test_the_checks_can_fail():
    assert half(":::{zh}\n中文\n:::\n:::{en}\nEnglish\n:::\n", "en") == "English\n"
    assert "靠攏" in RETIRED and any(phrase in "兩國加速靠攏" for phrase in RETIRED)
    with pytest.raises(AssertionError):
        section("(a)=\ntext\n", "missing-label")
