"""Lesson 5's primary-source reader (issue 23): every excerpt is traceable.

Each official or reported line appears, in order, in the copy the course
kept (book/data/primary-sources/<copy>.txt, with the URL and the date read);
each Chinese and English text carries its status; a wrong line is caught with
a message naming the file, the excerpt and the fix; the bank checks each
excerpt once; the page's block quotations are the brief's own words.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from lessons import primary_sources
from lessons.primary_sources import STATUSES, TRANSLATION, SourcesError, load, read_copy, unmatched_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "book" / "data"
SOURCES = DATA / "primary-sources.yml"
COPIES = DATA / "primary-sources"
EXCERPTS = load(SOURCES)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_six_to_ten_excerpts_each_in_chinese_and_english_with_a_status():
    assert 6 <= len(EXCERPTS) <= 10
    for excerpt in EXCERPTS:
        assert {"zh-Hant", "en"} <= set(excerpt.versions), excerpt.id
        for version in excerpt.versions.values():
            assert version.status in STATUSES, excerpt.id
            assert version.lines, excerpt.id
            if version.status == TRANSLATION:
                assert version.translated_from in ("zh", "en", "ru"), f"{excerpt.id}: a course translation names its source language"
                assert version.copy is None


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=lambda e: e.id)
def test_every_quoted_line_is_in_its_kept_copy_with_url_and_date_read(excerpt):
    quoted = [v for v in excerpt.versions.values() if v.status != TRANSLATION]
    assert quoted, f"{excerpt.id}: at least one text must be quoted from a copy the course read"
    for version in quoted:
        copy = version.copy
        assert copy.url.startswith(("http://", "https://")), copy.name
        assert date.fromisoformat(copy.read) <= date.today(), copy.name
        assert unmatched_lines(version) == [], f"{excerpt.id}: lines not in {copy.name}.txt"
        if not version.transcribed:  # an independent look: each line, squashed, is in the squashed copy
            body = squash(copy.text)
            assert all(squash(line) in body for line in version.lines), excerpt.id


def test_every_kept_copy_is_quoted_or_named_and_has_its_header():
    used = {v.copy.name for e in EXCERPTS for v in e.versions.values() if v.copy}
    used |= {c.name for e in EXCERPTS for c in e.also_read}
    for path in sorted(COPIES.glob("*.txt")):
        copy = read_copy(COPIES, path.stem)
        assert copy.url and copy.read and copy.publisher
        assert path.stem in used, f"{path.name} is kept but no excerpt quotes it or names it in also_read"


@pytest.mark.parametrize("excerpt", [e for e in EXCERPTS if e.note], ids=lambda e: e.id)
def test_words_a_note_quotes_from_another_page_are_in_a_kept_copy(excerpt):
    copies = [v.copy for v in excerpt.versions.values() if v.copy] + list(excerpt.also_read)
    bodies = squash(" ".join(c.text for c in copies)).lower()
    # A phrase of 20 characters or more, not a single rendered word.
    for quoted in [q for q in re.findall(r'"([^"]*)"', excerpt.note.en) if len(q) >= 20]:
        assert squash(quoted).lower() in bodies, f"{excerpt.id}: the note quotes {quoted!r}, found in no copy it names"


def _tmp_sources(tmp_path: Path, change) -> Path:
    target = tmp_path / "primary-sources.yml"
    shutil.copytree(COPIES, tmp_path / "primary-sources")
    data = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))
    change(data)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_a_line_not_in_its_copy_is_named_with_the_fix(tmp_path):
    def invent(data):
        data[0]["en"]["lines"][1] = "strengthening of bilateral strategic cooperation is an alliance"
    with pytest.raises(SourcesError) as error:
        load(_tmp_sources(tmp_path, invent))
    message = str(error.value)
    assert "primary-sources.yml: joint-statement-2022: en: line 2 is not in primary-sources/tass-eir-2022-02-04.txt" in message
    assert "quote only what the copy says" in message


def test_a_transcribed_line_must_keep_the_copys_characters_one_for_one(tmp_path):
    transcribed = next(v for e in EXCERPTS for v in e.versions.values() if v.transcribed)
    assert unmatched_lines(transcribed) == []
    lines = list(transcribed.lines)
    lines[0] = lines[0] + "並且結盟"
    assert unmatched_lines(type(transcribed)(**{**transcribed.__dict__, "lines": tuple(lines)})) == [1]
    as_read = list(transcribed.as_read)
    as_read[1] = as_read[1].replace("不结盟", "结盟")
    assert unmatched_lines(type(transcribed)(**{**transcribed.__dict__, "as_read": tuple(as_read)})) == [2]


def test_a_quoted_text_without_a_copy_or_status_is_refused(tmp_path):
    def break_it(data):
        data[1]["zh"]["copy"] = "no-such-page"
        data[2]["en"]["status"] = "official-ish"
        del data[3]["zh"]["from"]
    with pytest.raises(SourcesError) as error:
        load(_tmp_sources(tmp_path, break_it))
    message = str(error.value)
    assert "joint-statement-2023: zh: no copy primary-sources/no-such-page.txt" in message
    assert "joint-statement-2024: en: status 'official-ish' is not one of official, reported, course-translation" in message
    assert "sco-charter-2002: zh: a course translation names the language it translates in `from`" in message


def test_the_reader_numbers_lines_and_shows_who_when_whom_version_and_status():
    html = primary_sources.reader(SOURCES)._repr_html_()
    for excerpt in EXCERPTS:
        section = html[html.index(f'id="source-{excerpt.id}"'):]
        section = section[: section.index("</section>")]
        assert section.count('<ol ') == len(excerpt.versions)
        for label in ("Issued by:", "Date:", "Audience:", "Authoritative version:", "Status of each text:",
                      "發布者：", "日期：", "對象：", "哪個版本算數：", "文本狀態："):
            assert label in section, (excerpt.id, label)
        for version in excerpt.versions.values():
            if version.copy:
                url = version.copy.url.replace("&", "&amp;")
                assert f'Read in <a href="{url}">{url}</a> (read {version.copy.read})' in section
        assert ("the course&#x27;s translation" in section) == any(v.status == TRANSLATION for v in excerpt.versions.values())


def test_a_one_language_notebook_shows_only_its_language(monkeypatch):
    from lessons import bilingual

    monkeypatch.setattr(bilingual.current, "mode", "zh-Hant")
    monkeypatch.setattr(bilingual.current, "fixed", True)
    html = primary_sources.reader(SOURCES)._repr_html_()
    assert 'lang="en"' not in html and "Issued by:" not in html
    assert "發布者：" in html


def test_the_bank_checks_each_excerpt_once_at_least():
    bank = yaml.safe_load((ROOT / "book" / "quizzes" / "lesson-5.yml").read_text(encoding="utf-8"))
    prompts = " ".join(q["prompt"]["en"] for q in bank["questions"]).lower()
    for excerpt in EXCERPTS:
        assert f"source {excerpt.number}" in prompts, f"no self-check item names source {excerpt.number} ({excerpt.id})"


def test_block_quotations_on_the_lesson_page_are_the_brief_word_for_word():
    brief = squash((DATA / "brief.txt").read_text(encoding="utf-8")).lower()
    page = (ROOT / "book" / "lesson-5.md").read_text(encoding="utf-8")
    quotes = [line[2:] for line in page.splitlines() if line.startswith("> ")]
    assert quotes
    for quote in quotes:
        assert squash(quote).lower() in brief, quote
