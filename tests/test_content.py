"""The course text says exactly what the brief says.

Source-level checks of the pages in book/ and the quiz banks (no build needed):

- every quotation of the brief matches the brief word for word, in the
  quotation's own language (the rules are in CONTRIBUTING.md, "Quoting the
  brief");
- every context box about events after the brief's publication says what
  date it is "as of";
- every glossary entry that states a fact from outside the brief names its
  source.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BRIEF = BOOK / "data" / "brief.txt"
QUOTATIONS = BOOK / "data" / "quotations.yml"
HAN = re.compile(r"[\u4e00-\u9fff]")

# Pages where every 「…」 and "…" must be the brief's words, a course title, or
# listed in book/data/quotations.yml.
STRICT_PAGES = ["index", "lesson-1", "lesson-2", "lesson-3", "lesson-4", "glossary"]
# Texts where a quotation counts as the brief's when the sentence attributes
# it to the brief ("摘要說「…」", 'The brief says "…"').
ATTRIBUTED_TEXTS = ["instructor-guide"]
BANKS = sorted((BOOK / "quizzes").glob("*.yml"))

ZH_ATTRIBUTION = re.compile(
    r"(?:摘要(?:的原句|原文|的最後一句|的總結句)?[只也還則並就卻又]?(?:說|寫道|寫作|寫|用的是|用|稱|指出|提到)"
    r"|(?:中文|英文)版(?:的原句)?[只也還則並就]?(?:說|寫作|寫|用的是|用))[：:，,]?\s*$"
)
EN_ATTRIBUTION = re.compile(
    r"(?:the brief|the summary|the (?:english|chinese)(?: version| brief)?)(?:'s words are| itself)?"
    r"\s+(?:only\s+|also\s+)?(?:says|writes|uses|reads|puts it|calls (?:them|it))[:,]?\s*$",
    re.IGNORECASE,
)
ELLIPSIS = re.compile(r"……|…|\.\.\.|＿+|_{2,}")

AS_OF = {"zh": re.compile(r"截至\s*\d{4}年\d{1,2}月\d{1,2}日"), "en": re.compile(r"[Aa]s of \d{1,2} [A-Z][a-z]+ \d{4}")}
POST_BRIEF = {
    "zh": re.compile(r"20(?:2[4-9]|[3-9]\d)年|2023年(?:9月(?:1[2-9]|2\d|3[01])日|1[0-2]月)"),
    "en": re.compile(
        r"\b20(?:2[4-9]|[3-9]\d)\b|\b(?:1[2-9]|2\d|3[01]) September 2023|\b(?:October|November|December) 2023"
    ),
}
# "第3課" / "lesson 3" point inside the course; they are not facts to source.
LESSON_REFERENCE = re.compile(r"第\d+課|\b[Ll]essons? \d+(?:\s*(?:and|–|-)\s*\d+)?")
# A citation's own date ("backgrounder of 2024-05-30") is not an event.
CITATION = re.compile(r"(?:來源|[Ss]ources?)[:：][^\n]*")
SOURCE_WORD = {"zh": re.compile(r"來源"), "en": re.compile(r"\bsources?\b", re.IGNORECASE)}


# --------------------------------------------------------------------------
# Reading the brief and the pages
# --------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Compare as a reader would: NFKC (full-width commas are commas), no spaces, no case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def brief_texts() -> dict[str, str]:
    """The brief per language, normalised. The header (author, source, date,
    keywords) is bilingual, so it belongs to both."""
    text = BRIEF.read_text(encoding="utf-8")
    zh_part, en_part = text.split("Summary:")
    header, zh_body = zh_part.split("摘要", 1)
    return {"zh": normalise(header + zh_body), "en": normalise(header + en_part)}


BRIEF_TEXT = brief_texts()


def language_of(quote: str) -> str:
    return "zh" if HAN.search(quote) else "en"


def is_in_brief(quote: str) -> bool:
    """True when the quotation is the brief's words in its own language.
    An ellipsis (or a blank to fill in) marks a gap: each part must appear,
    in order."""
    brief = BRIEF_TEXT[language_of(quote)]
    position = 0
    for part in ELLIPSIS.split(quote):
        part = normalise(part).strip("。.,，、;；:：!?！？")
        if not part:
            continue
        found = brief.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def page_text(path: Path) -> str:
    """A page's reading text: no code cells, no code, no markup of tags or
    directive options; role targets dropped, role texts kept."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"\{ref\}`([^`<]*?)\s*<[^>`]+>`", r"\1", text)
    text = re.sub(r"\{(?:zh|en)\}`([^`]*)`", r"\1", text)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"^\s*:[a-z-]+:.*$", "", text, flags=re.M)
    return text


def quotations(text: str) -> list[tuple[str, str]]:
    """Every quotation in a text as (quote, the text before it on its line)."""
    found = []
    for match in re.finditer(r"「((?:[^「」]|「[^「」]*」)+)」|\"([^\"\n]+)\"|“([^”\n]+)”", text):
        quote = match.group(1) or match.group(2) or match.group(3)
        line_start = text.rfind("\n", 0, match.start()) + 1
        found.append((quote, text[line_start : match.start()]))
    return found


def blockquotes(text: str) -> list[str]:
    return [line.lstrip("> ").strip() for line in text.splitlines() if line.startswith("> ")]


def course_titles() -> set[str]:
    """Headings and box titles of every page: quoting them is citing the course."""
    titles = set()
    for path in BOOK.glob("*.md"):
        source = path.read_text(encoding="utf-8")
        for heading in re.findall(r"^#+ (.+)$", source, flags=re.M):
            titles.update(re.findall(r"\{(?:zh|en)\}`([^`]*)`", heading) or [heading])
        titles.update(t.strip() for t in re.findall(r"^```\{admonition\} (.+)$", source, flags=re.M))
    # A lesson is cited by its number and title ("Lesson 1: Closer than ever").
    return {normalise(t) for t in titles}


def listed_quotations() -> list[dict]:
    return yaml.safe_load(QUOTATIONS.read_text(encoding="utf-8"))


TITLES = course_titles()
LISTED = {normalise(entry["text"]) for entry in listed_quotations()}
# The course's own words and translations: quoting them states no outside fact.
NOT_FACTS = {normalise(e["text"]) for e in listed_quotations() if e.get("kind") in ("gloss", "course")}


def is_course_title(quote: str) -> bool:
    return normalise(quote) in TITLES or normalise(re.sub(r"^(?:lesson \d+, |第\d課)", "", quote, flags=re.I)) in TITLES


def unexplained_quotations(text: str) -> list[str]:
    """Quotations that are neither the brief's words, a course title, nor listed."""
    return [
        quote
        for quote, _ in quotations(text)
        if not (is_in_brief(quote) or is_course_title(quote) or normalise(quote) in LISTED)
    ]


def misquoted_attributions(text: str) -> list[str]:
    """Quotations the sentence attributes to the brief that the brief does not contain."""
    return [
        quote
        for quote, before in quotations(text)
        if (ZH_ATTRIBUTION.search(before) or EN_ATTRIBUTION.search(before)) and not is_in_brief(quote)
    ]


def bank_strings(node, found=None) -> list[str]:
    found = [] if found is None else found
    if isinstance(node, dict):
        for value in node.values():
            bank_strings(value, found)
    elif isinstance(node, list):
        for value in node:
            bank_strings(value, found)
    elif isinstance(node, str):
        found.append(node)
    return found


# --------------------------------------------------------------------------
# Quotations of the brief
# --------------------------------------------------------------------------


@pytest.mark.parametrize("page", STRICT_PAGES)
def test_every_blockquote_is_the_brief_word_for_word(page):
    quotes = blockquotes(page_text(BOOK / f"{page}.md"))
    wrong = [q for q in quotes if not is_in_brief(q)]
    assert not wrong, f"book/{page}.md quotes as the brief what the brief does not say: {wrong}"


@pytest.mark.parametrize("page", STRICT_PAGES)
def test_every_quotation_on_a_page_is_the_brief_a_title_or_a_listed_source(page):
    wrong = unexplained_quotations(page_text(BOOK / f"{page}.md"))
    assert not wrong, (
        f"book/{page}.md: these quotations are not the brief's words in their language, "
        f"not a course title, and not listed in book/data/quotations.yml: {wrong}. "
        "Quote the brief exactly (its own language, its own words), or list the quotation with its source."
    )


@pytest.mark.parametrize("page", ATTRIBUTED_TEXTS)
def test_quotations_the_guide_attributes_to_the_brief_are_the_brief(page):
    wrong = misquoted_attributions(page_text(BOOK / f"{page}.md"))
    assert not wrong, f"book/{page}.md attributes to the brief words it does not contain: {wrong}"


@pytest.mark.parametrize("bank", BANKS, ids=lambda bank: bank.name)
def test_quotations_a_bank_attributes_to_the_brief_are_the_brief(bank):
    data = yaml.safe_load(bank.read_text(encoding="utf-8"))
    wrong = [q for text in bank_strings(data) for q in misquoted_attributions(text)]
    assert not wrong, f"book/quizzes/{bank.name} attributes to the brief words it does not contain: {wrong}"


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        ("摘要說「之後」。", ["之後"]),  # the Chinese brief says 隨著…後
        ("摘要說「隨著中國擴大其在太平洋地區的影響力」。", []),
        ('The brief says "no limits".', ["no limits"]),
        ('The brief says "The West became more hostile to China and Russia after".', []),
        ("摘要說「中俄……加深」。", []),  # an ellipsis is a gap
        ("摘要說「重大的地緣政治衝擊」。", ["重大的地緣政治衝擊"]),
        ('The English says "changes and transformations".', ["changes and transformations"]),
        ("英文版說 \"changes or shocks\"。", []),  # language follows the quotation
        ('中文版說 "changes or shocks"。', []),
        ("題目選項「兩國的關係」不是引文。", []),  # not attributed: not checked here
    ],
)
def test_the_attribution_check_can_fail(text, caught):
    assert misquoted_attributions(text) == caught


def test_an_unlisted_quotation_on_a_page_is_caught():
    text = "中俄發表聲明，稱兩國友誼「沒有上限」。The brief says they \"grew closer\"."
    assert unexplained_quotations(text) == ["沒有上限"]


def test_every_listed_quotation_names_its_source_or_what_it_translates():
    problems = []
    for entry in listed_quotations():
        kind = entry.get("kind")
        if kind == "source" and not str(entry.get("source", "")).strip():
            problems.append(f"{entry['text']}: kind source needs `source:`")
        elif kind == "gloss" and not is_in_brief(str(entry.get("of", ""))):
            problems.append(f"{entry['text']}: kind gloss needs `of:`, the brief's words it translates")
        elif kind == "course" and not str(entry.get("note", "")).strip():
            problems.append(f"{entry['text']}: kind course needs `note:` saying where the words are")
        elif kind not in ("source", "gloss", "course"):
            problems.append(f"{entry['text']}: kind must be source, gloss or course")
        if is_in_brief(entry["text"]):
            problems.append(f"{entry['text']}: this is the brief's own text; remove it from the list")
    assert not problems, f"{QUOTATIONS.relative_to(ROOT)}: " + "; ".join(problems)


def test_every_listed_quotation_is_used():
    used = set()
    for page in STRICT_PAGES:
        used.update(normalise(q) for q, _ in quotations(page_text(BOOK / f"{page}.md")))
    stale = [e["text"] for e in listed_quotations() if normalise(e["text"]) not in used]
    assert not stale, f"{QUOTATIONS.relative_to(ROOT)} lists quotations no page uses: {stale}"


# --------------------------------------------------------------------------
# "As of" on every box about events after the brief
# --------------------------------------------------------------------------


def context_boxes(source: str) -> list[str]:
    """The bodies of the context boxes (admonitions with class context)."""
    boxes = []
    for match in re.finditer(r"^```\{admonition\}[^\n]*\n((?::[^\n]*\n)*)(.*?)^```", source, flags=re.M | re.S):
        if "context" in match.group(1):
            boxes.append(match.group(2))
    return boxes


def boxes_missing_as_of(source: str) -> list[str]:
    missing = []
    for box in context_boxes(source):
        language = "zh" if len(HAN.findall(box)) > len(box) / 10 else "en"
        events = CITATION.sub("", box)
        if POST_BRIEF[language].search(events) and not AS_OF[language].search(box):
            missing.append(box.strip().splitlines()[0][:80])
    return missing


@pytest.mark.parametrize("page", STRICT_PAGES)
def test_every_box_about_events_after_the_brief_says_as_of_when(page):
    missing = boxes_missing_as_of((BOOK / f"{page}.md").read_text(encoding="utf-8"))
    assert not missing, (
        f"book/{page}.md: these context boxes mention events after the brief (11 September 2023) "
        f"without an as-of date (截至2025年1月6日 / as of 6 January 2025): {missing}"
    )


def test_the_as_of_check_can_fail():
    box = "```{admonition} Context (not from the brief)\n:class: context\nIn 2024 BRICS grew.\n```\n"
    assert boxes_missing_as_of(box) == ["In 2024 BRICS grew."]
    dated = box.replace("In 2024", "As of 6 January 2025: in 2024")
    assert boxes_missing_as_of(dated) == []
    before = box.replace("In 2024", "In 2011")
    assert boxes_missing_as_of(before) == []


# --------------------------------------------------------------------------
# Glossary entries name their sources
# --------------------------------------------------------------------------


def glossary_entries() -> dict[str, dict[str, str]]:
    """Each term's text per language, by its label."""
    source = (BOOK / "glossary.md").read_text(encoding="utf-8")
    entries = {}
    for match in re.finditer(r"^\((term-[a-z0-9-]+)\)=\n(.*?)(?=^\(term-|\Z)", source, flags=re.M | re.S):
        body = match.group(2)
        zh = re.search(r":::\{zh\}\n(.*?)\n:::", body, flags=re.S)
        en = re.search(r":::\{en\}\n(.*?)\n:::", body, flags=re.S)
        entries[match.group(1)] = {"zh": zh.group(1) if zh else "", "en": en.group(1) if en else ""}
    return entries


def sentences(text: str, language: str) -> list[str]:
    pattern = r"(?<=。)" if language == "zh" else r"(?<=[.!?])\s+(?=[A-Z])"
    return [s for s in re.split(pattern, page_text_inline(text)) if s.strip()]


def page_text_inline(text: str) -> str:
    text = re.sub(r"\{ref\}`([^`<]*?)\s*<[^>`]+>`", r"\1", text)
    return re.sub(r"<[^>]+>", "", text)


def unsourced_facts(text: str, language: str) -> list[str]:
    """Sentences stating a fact from outside the brief (a date or figure, or a
    quotation that is not the brief's) without naming a source."""
    unsourced = []
    for sentence in sentences(text, language):
        outside_quote = any(
            not (is_in_brief(q) or is_course_title(q) or normalise(q) in NOT_FACTS) for q, _ in quotations(sentence)
        )
        states_a_date_or_figure = re.search(r"\d", LESSON_REFERENCE.sub("", sentence))
        if (states_a_date_or_figure or outside_quote) and not SOURCE_WORD[language].search(sentence):
            unsourced.append(sentence.strip()[:80])
    return unsourced


GLOSSARY = glossary_entries()


def test_the_glossary_has_its_terms():
    assert {"term-alliance", "term-alignment", "term-brics", "term-sco"} <= set(GLOSSARY)
    assert all(e["zh"] and e["en"] for e in GLOSSARY.values())


@pytest.mark.parametrize("label", sorted(GLOSSARY))
def test_every_glossary_fact_names_its_source(label):
    problems = [
        f"{language}: {sentence}"
        for language in ("zh", "en")
        for sentence in unsourced_facts(GLOSSARY[label][language], language)
    ]
    assert not problems, f"book/glossary.md ({label}): name the source of: {problems}"


def test_the_glossary_source_check_can_fail():
    assert unsourced_facts("The SCO was founded in 2001. It is large.", "en") == ["The SCO was founded in 2001."]
    assert unsourced_facts("The SCO was founded in 2001 (source: kremlin.ru).", "en") == []
    assert unsourced_facts("兩國說關係「不結盟、不對抗」。", "zh") == ["兩國說關係「不結盟、不對抗」。"]


def test_the_glossary_gives_both_aims_to_both_blocs():
    # The brief gives both aims to BRICS and the SCO together (finding 4 of issue 13).
    for label in ("term-brics", "term-sco"):
        assert "重塑國際體系" in GLOSSARY[label]["zh"] and "關係網絡" in GLOSSARY[label]["zh"], label
        assert "reshape the international system" in GLOSSARY[label]["en"], label
        assert "bolster their network" in GLOSSARY[label]["en"], label
