"""Lesson 5's primary-source reader: short official texts, line-numbered,
in Chinese and English, each language marked with its status.

The excerpts live in ``book/data/primary-sources.yml``; the copies the
course read them in, in ``book/data/primary-sources/<copy>.txt`` (a header
with the copy's ``url:`` and the date it was ``read:``, then its passage).
:func:`load` checks both and raises one :class:`SourcesError` (a
:class:`~lessons.problems.LoadError`) with every problem, each naming the
file, the excerpt and the fix; :func:`reader` shows them in the book (one
card per excerpt, both languages, the page's switch choosing) and in a live
notebook. Nothing here fetches a page: a source is only what was read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from . import bilingual
from .bilingual import BOTH, EN, ZH, Text, lang_attributes, pair
from .paths import book_dir
from .problems import LoadError, Problem

#: What a language's text is (see the header of primary-sources.yml).
OFFICIAL, REPORTED, TRANSLATION = "official", "reported", "course-translation"
STATUSES = (OFFICIAL, REPORTED, TRANSLATION)
STATUS_WORDS = {
    OFFICIAL: Text("官方文本", "official text"),
    REPORTED: Text("新聞報導的引述（非官方文本）", "as reported (not the official text)"),
    TRANSLATION: Text("本課翻譯", "the course's translation"),
}
LANGUAGE_WORDS = {ZH: Text("中文", "Chinese"), EN: Text("英文", "English"), "ru": Text("俄文", "Russian")}
HEADER = re.compile(r"^(url|read|publisher):\s*(.+)$")
HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


class SourcesError(LoadError):
    """Problems in the primary-source files; ``problems`` lists each (subject:
    the excerpt id and its language), the message one a line, with its fix."""


@dataclass(frozen=True)
class Copy:
    """A page as the course read it: where, when, and its passage."""

    name: str
    url: str
    read: str
    publisher: str
    text: str


@dataclass(frozen=True)
class Version:
    """One language of an excerpt: its numbered lines and what they are."""

    lang: str
    status: str
    lines: tuple[str, ...]
    copy: Copy | None = None
    translated_from: str | None = None
    transcribed: bool = False
    as_read: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excerpt:
    id: str
    number: int
    title: Text
    issuer: Text
    date: str
    audience: Text
    authoritative: Text
    versions: dict[str, Version]
    official_url: str | None = None
    note: Text | None = None
    also_read: tuple[Copy, ...] = ()


def sources_path(start: Path | None = None) -> Path:
    return book_dir(start) / "data" / "primary-sources.yml"


def read_copy(folder: Path, name: str) -> Copy:
    """``folder/<name>.txt``: its header fields and the passage after ``---``."""
    path = folder / f"{name}.txt"
    head, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields = {m.group(1): m.group(2).strip() for line in head.splitlines() if (m := HEADER.match(line))}
    missing = [key for key in ("url", "read", "publisher") if key not in fields]
    if not sep or missing:
        raise SourcesError([Problem(str(path), None, None, f"needs the header lines url:, read:, publisher: (missing {', '.join(missing) or 'none'}) and a line --- before the passage")])
    return Copy(name, fields["url"], fields["read"], fields["publisher"], body)


def _text(entry: dict, key: str, where: tuple[str, str], problems: list[Problem]) -> Text:
    value = entry.get(key)
    if not (isinstance(value, dict) and str(value.get("zh", "")).strip() and str(value.get("en", "")).strip()):
        problems.append(Problem(where[0], None, where[1], f"`{key}` needs both zh and en text"))
        return Text("", "")
    return Text(str(value["zh"]), str(value["en"]))


def _version(lang: str, entry: dict, where: tuple[str, str], folder: Path, problems: list[Problem]) -> Version | None:
    """One language of an excerpt; ``where`` is (file name, "excerpt-id: key")."""

    def bad(message: str) -> None:
        problems.append(Problem(where[0], None, where[1], message))

    status, lines = entry.get("status"), entry.get("lines")
    if status not in STATUSES:
        bad(f"status {status!r} is not one of {', '.join(STATUSES)}")
        return None
    if not (isinstance(lines, list) and lines and all(isinstance(line, str) and line.strip() for line in lines)):
        bad("`lines` must be a non-empty list of text lines")
        return None
    if status == TRANSLATION:
        if entry.get("from") not in (ZH, EN, "zh", "ru"):
            bad("a course translation names the language it translates in `from` (zh, en or ru)")
        return Version(lang, status, tuple(lines), translated_from=entry.get("from"))
    try:
        copy = read_copy(folder, str(entry.get("copy")))
    except FileNotFoundError:
        bad(f"no copy {folder.name}/{entry.get('copy')}.txt: an official or reported text must name the copy it was read in")
        return None
    except SourcesError as error:
        problems.extend(error.problems)
        return None
    transcribed = bool(entry.get("transcribed"))
    as_read = tuple(entry.get("as_read") or ())
    if transcribed and len(as_read) != len(lines):
        bad("a transcribed text gives its lines `as_read` (as the copy has them), one for each line")
        return None
    version = Version(lang, status, tuple(lines), copy=copy, transcribed=transcribed, as_read=as_read)
    for number in unmatched_lines(version):
        bad(f"line {number} is not in {folder.name}/{copy.name}.txt (in order): quote only what the copy says")
    return version


def load(path: Path | None = None) -> list[Excerpt]:
    """Every excerpt of ``primary-sources.yml``, checked against its copies."""
    path = path or sources_path()
    folder = path.with_suffix("")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SourcesError([Problem(str(path), None, None, f"cannot read it ({error})")]) from None
    if not isinstance(raw, list):
        raise SourcesError([Problem(str(path), None, None, "should be a list of excerpts (- id: ...)")])
    problems: list[Problem] = []
    excerpts, seen = [], set()
    for number, entry in enumerate(raw, start=1):
        ident = str(entry.get("id", f"#{number}")) if isinstance(entry, dict) else f"#{number}"
        where = (path.name, ident)
        if not isinstance(entry, dict) or ident in seen:
            problems.append(Problem(path.name, None, ident, "each excerpt is a mapping with a unique id"))
            continue
        seen.add(ident)
        versions = {}
        for lang, key in ((ZH, "zh"), (EN, "en")):
            if not isinstance(entry.get(key), dict):
                problems.append(Problem(path.name, None, ident, f"needs a `{key}` text (official, reported or the course's translation)"))
            elif version := _version(lang, entry[key], (path.name, f"{ident}: {key}"), folder, problems):
                versions[lang] = version
        if isinstance(entry.get("original"), dict):
            original = entry["original"]
            if version := _version(str(original.get("lang")), original, (path.name, f"{ident}: original"), folder, problems):
                versions["original"] = version
        also_read = []
        for name in entry.get("also_read") or ():
            try:
                also_read.append(read_copy(folder, str(name)))
            except FileNotFoundError:
                problems.append(Problem(path.name, None, ident, f"also_read names {name}, but there is no copy {folder.name}/{name}.txt"))
            except SourcesError as error:
                problems.extend(error.problems)
        excerpts.append(Excerpt(
            ident, number, _text(entry, "title", where, problems), _text(entry, "issuer", where, problems),
            str(entry.get("date", "")), _text(entry, "audience", where, problems),
            _text(entry, "authoritative", where, problems), versions, entry.get("official_url"),
            _text(entry, "note", where, problems) if "note" in entry else None, tuple(also_read),
        ))
    if problems:
        raise SourcesError(problems)
    return excerpts


def _normal(text: str) -> str:
    return " ".join(text.split())


def _same_but_script(line: str, read: str) -> bool:
    """``line`` has ``read``'s characters one for one; only Han characters may
    differ in form (simplified as read, Traditional as written)."""
    return len(line) == len(read) and all(
        a == b or (HAN_CHAR.fullmatch(a) and HAN_CHAR.fullmatch(b)) for a, b in zip(line, read)
    )


def unmatched_lines(version: Version) -> list[int]:
    """Numbers of the lines not found in the version's copy, in order (a
    transcribed line: its ``as_read`` form is found, and it is that form)."""
    body, at, missing = _normal(version.copy.text), 0, []
    for number, raw in enumerate(version.lines, start=1):
        line = _normal(version.as_read[number - 1] if version.transcribed else raw)
        found = body.find(line, at)
        if found < 0 or (version.transcribed and not _same_but_script(_normal(raw), line)):
            missing.append(number)
        else:
            at = found + len(line)
    return missing


# --- HTML -------------------------------------------------------------------

def _mark_chinese(text: str) -> str:
    """Escaped English text whose Chinese runs carry lang="zh-Hant"."""
    out, at = [], 0
    for match in CJK_RUN.finditer(text):
        out += [html.escape(text[at:match.start()]), f'<span lang="{ZH}">{html.escape(match.group())}</span>']
        at = match.end()
    return "".join(out) + html.escape(text[at:])


def page_mode() -> str | None:
    """None in the book and the both-languages notebook (every language,
    each switchable by the page); the notebook's one language when fixed."""
    return bilingual.current.mode if bilingual.current.fixed else None


def languages(mode: str | None) -> tuple[str, ...]:
    return (ZH, EN) if mode in (None, BOTH) else (mode,)


def attrs(code: str, mode: str | None, css: str = "") -> str:
    return lang_attributes(code, switchable=mode is None, css=css)


def paragraphs(text: Text, mode: str | None, label: Text | None = None) -> Markup:
    """One ``<p>`` per language of ``mode``, an optional bold label first."""
    out = []
    for code in languages(mode):
        words = label.in_mode(code) if label else ""
        head = f"<strong>{html.escape(words)}</strong>{' ' if code == EN and words else ''}" if words else ""
        body = _mark_chinese(text.en) if code == EN else html.escape(text.zh)
        out.append(f"<p {attrs(code, mode)}>{head}{body}</p>")
    return Markup("".join(out))


def _lines_html(version: Version, mode: str | None) -> Markup:
    lang = version.lang
    items = "".join(f"<li>{html.escape(line)}</li>" for line in version.lines)
    if lang not in (ZH, EN):
        return Markup(f'<ol lang="{html.escape(lang)}" class="ps-lines">{items}</ol>')
    return Markup(f'<ol {attrs(lang, mode, "ps-lines")}>{items}</ol>' if lang in languages(mode) else "")


def _status_line(version: Version) -> tuple[Text, str | None, Text]:
    """What a version is, as (words before the copy's URL, the URL, words after)."""
    words = STATUS_WORDS[version.status]
    lang = LANGUAGE_WORDS.get(version.lang, Text(version.lang, version.lang))
    if version.status == TRANSLATION:
        source = LANGUAGE_WORDS.get(version.translated_from or "", Text("", ""))
        return Text(f"{lang.zh}：{words.zh}（譯自{source.zh}）", f"{lang.en}: {words.en} (from the {source.en})"), None, Text("", "")
    copy = version.copy
    extra = Text("；簡體字由本課轉寫為繁體字", "; simplified characters written in Traditional by the course") if version.transcribed else Text("", "")
    return (Text(f"{lang.zh}：{words.zh}。讀自 ", f"{lang.en}: {words.en}. Read in "), copy.url,
            Text(f"（{copy.read} 讀取）{extra.zh}", f" (read {copy.read}){extra.en}"))


def _link(url: str) -> Markup:
    return Markup(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')


def _items(label: Text, rows: list[tuple[Text, str | None, Text]], mode: str | None) -> Markup:
    """A labelled list, one item per row, in each language of ``mode``; URLs as links."""
    out = []
    for code in languages(mode):
        items = "".join(f"<li>{html.escape(before.in_mode(code))}{_link(url) if url else ''}{html.escape(after.in_mode(code))}</li>"
                        for before, url, after in rows)
        out.append(f'<div {attrs(code, mode, "ps-list")}><strong>{html.escape(label.in_mode(code))}</strong><ul>{items}</ul></div>')
    return Markup("".join(out))


def excerpt_html(excerpt: Excerpt, mode: str | None = None) -> Markup:
    """One excerpt as a card: title, the texts, then who, when, for whom, which version counts."""
    versions = excerpt.versions
    title = Text(f"文件{excerpt.number}：{excerpt.title.zh}", f"Source {excerpt.number}: {excerpt.title.en}")
    parts = [f'<section class="ps-excerpt" id="source-{html.escape(excerpt.id)}">', f"<h3>{pair(title, mode=mode)}</h3>"]
    parts += [_lines_html(versions[key], mode) for key in ("original", ZH, EN) if key in versions]
    for label, value in (
        (Text("發布者：", "Issued by:"), excerpt.issuer),
        (Text("日期：", "Date:"), Text(excerpt.date, excerpt.date)),
        (Text("對象：", "Audience:"), excerpt.audience),
        (Text("哪個版本算數：", "Authoritative version:"), excerpt.authoritative),
    ):
        parts.append(paragraphs(value, mode, label))
    statuses = [_status_line(versions[key]) for key in ("original", ZH, EN) if key in versions]
    parts.append(_items(Text("文本狀態：", "Status of each text:"), statuses, mode))
    if excerpt.note:
        parts.append(paragraphs(excerpt.note, mode, Text("注意：", "Note:")))
    if excerpt.also_read:
        reads = [(Text("", ""), c.url, Text(f"（{c.read} 讀取）", f" (read {c.read})")) for c in excerpt.also_read]
        parts.append(_items(Text("另參考：", "Also read:"), reads, mode))
    parts.append("</section>")
    return Markup("".join(parts))  # every text escaped where it is written


class Reader:
    """The reader as a notebook output: its HTML in the book and in JupyterLab."""

    def __init__(self, excerpts: list[Excerpt]):
        self.excerpts = excerpts

    def _repr_html_(self) -> Markup:
        mode = page_mode()
        return Markup(f'<div class="lessons-reader" style="overflow-wrap:anywhere">{"".join(excerpt_html(e, mode) for e in self.excerpts)}</div>')


def reader(path: Path | None = None) -> Reader:
    """The primary-source reader of lesson 5, checked against the kept copies."""
    return Reader(load(path))
