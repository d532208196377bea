"""Quiz banks: YAML files that course authors edit by hand, loaded into typed,
validated questions.

A bank is ``book/quizzes/lesson-N.yml`` (format: ``docs/architecture.md``).
:func:`load_bank` checks *all* of it before anything uses it, and reports
every problem at once, each as ``file:line: question-id: what is wrong and how
to fix it``, so an author fixes a bank in one pass and never sees a traceback.

The checks: a known type; the fields that type needs and no others (typos such
as ``explaination`` are caught); both ``zh`` and ``en``, non-empty, wherever a
student reads text; unique ids made of ``a-z``, ``0-9`` and ``-``; answer keys
that make sense (exactly one correct option for ``single``, at least one for
``multiple``, at least two options, three ordering items, two matching pairs,
no duplicates, accepted text answers in both languages, a finite numeric
answer and a sensible tolerance).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .bilingual import Text

TYPES = ("single", "multiple", "truefalse", "numeric", "ordering", "matching", "text")

#: Keys every question may have; REQUIRED_COMMON lists the ones it must have.
COMMON_KEYS = ("id", "type", "prompt", "explanation", "section", "hints")
REQUIRED_COMMON = ("id", "type", "prompt", "explanation", "section")
#: Keys each type adds; the first one listed is required.
TYPE_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "truefalse": ("answer",),
    "numeric": ("answer", "tolerance", "unit"),
    "ordering": ("items",),
    "matching": ("pairs",),
    "text": ("accept",),
}
BANK_KEYS = ("lesson", "title", "questions")
OPTION_KEYS = ("text", "correct", "feedback")
PAIR_KEYS = ("term", "match")
LANGS = ("zh", "en")
LANG_NAMES = {"zh": "Traditional Chinese", "en": "English"}

ID_PATTERN = re.compile(r"[a-z0-9-]+")
SECTION_PATTERN = re.compile(r"[^\s]+")
#: Longest accepted text answer; the grader refuses longer responses too.
MAX_TEXT = 1000
#: Largest magnitude of a numeric answer or response. Every whole number up
#: to it is exact in both Python and the browser's doubles, so both graders agree.
MAX_NUMBER = 1e15


@dataclass(frozen=True)
class Option:
    """One choice of a ``single`` or ``multiple`` question."""

    text: Text
    correct: bool = False
    feedback: Text | None = None


@dataclass(frozen=True)
class Pair:
    """One ``matching`` pair: a term and the meaning that belongs to it."""

    term: Text
    match: Text


@dataclass(frozen=True)
class Accepted:
    """The accepted answers of a ``text`` question, per language."""

    zh: tuple[str, ...]
    en: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return self.zh + self.en


@dataclass(frozen=True)
class Question:
    """One validated question. Fields a type does not use are empty/None.

    ``raw`` is the validated mapping as written in the bank (plain JSON
    types): the published page embeds it for the browser grader, and
    :attr:`content_hash` identifies this exact version of the question in
    exported answers. Treat it as read-only.
    """

    id: str
    type: str
    prompt: Text
    options: tuple[Option, ...] = ()
    answer: bool | int | float | None = None
    tolerance: float = 0
    unit: Text | None = None
    items: tuple[Text, ...] = ()
    pairs: tuple[Pair, ...] = ()
    accept: Accepted | None = None
    hints: tuple[Text, ...] = ()
    explanation: Text | None = None
    section: str = ""
    line: int | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property  # the gradebook asks once per answer; raw never changes
    def content_hash(self) -> str:
        """First 12 hex digits of the SHA-256 of ``raw`` as canonical JSON."""
        canonical = json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Bank:
    """A lesson's quiz bank: its questions in the order written."""

    path: Path
    lesson: str
    title: Text
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError naming the known ids otherwise."""
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(f"no question {question_id!r} in {self.lesson} (its questions: {known})")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank, where it is, and how to fix it."""

    file: str
    line: int | None
    question_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.question_id:
            return f"{where}: {self.question_id}: {self.message}"
        return f"{where}: {self.message}"


class BankError(ValueError):
    """A bank (or question) that cannot be used; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# --- YAML with line numbers -------------------------------------------------


class _LineDict(dict):
    """A mapping from YAML that remembers the line it starts on."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings remember their line and that notes duplicate keys
    (plain YAML silently keeps the last one, hiding an author's mistake)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = _LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))
    seen = set()
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                loader.duplicate_keys.append((key_node.start_mark.line + 1, key_node.value))
            seen.add(key_node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def _plain(value: Any) -> Any:
    """The same data as plain dicts and lists (no line bookkeeping)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# --- Collecting problems -----------------------------------------------------


class _Report:
    """Problems found so far, all pointing at one question (or the bank)."""

    def __init__(self, file: str, line: int | None, question_id: str | None, problems: list[Problem]):
        self.file, self.line, self.question_id, self.problems = file, line, question_id, problems
        self.count = 0

    def add(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, self.question_id, message))
        self.count += 1


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    """How a YAML value was read, in words an author recognises."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"read as {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"read as the number {value!r}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"read as {type(value).__name__} {value!r}"


def _text(value: Any, what: str, report: _Report) -> Text | None:
    """A ``{zh, en}`` mapping with both languages non-empty, else None (reported)."""
    if not isinstance(value, Mapping):
        report.add(f"{what} must be a mapping with zh and en ({_describe(value)}): write {what}: {{zh: 中文, en: English}}")
        return None
    ok = True
    for lang in LANGS:
        if lang not in value:
            report.add(f"{what} has no {lang}: add the {LANG_NAMES[lang]} text")
            ok = False
        elif not isinstance(value[lang], str):
            report.add(f"{what}.{lang} must be text ({_describe(value[lang])}): put it in quotes")
            ok = False
        elif not value[lang].strip():
            report.add(f"{what}.{lang} is empty: write the {LANG_NAMES[lang]} text")
            ok = False
    for key in value:
        if key not in LANGS:
            report.add(f"{what} has an unknown key {key!r}: use only zh and en")
            ok = False
    return Text(zh=value["zh"], en=value["en"]) if ok else None


def _unknown_keys(mapping: Mapping, allowed: tuple[str, ...], what: str, report: _Report, elsewhere: dict[str, str] | None = None) -> None:
    for key in mapping:
        if key in allowed:
            continue
        if elsewhere and key in elsewhere:
            report.add(f"{key!r} is not used by {what}: remove it ({elsewhere[key]})")
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(allowed)})"
        report.add(f"unknown key {key!r} in {what}{hint}: fix the spelling or remove it")


def _list(value: Any, what: str, report: _Report, minimum: int, example: str) -> list | None:
    if not isinstance(value, list):
        report.add(f"{what} must be a list ({_describe(value)}): write it as {example}")
        return None
    if len(value) < minimum:
        report.add(f"{what} has {len(value)}; at least {minimum} are needed: add {minimum - len(value)} more")
    return value


def _duplicates(texts: list[Text], what: str, report: _Report) -> None:
    """Report two entries that read the same in either language."""
    for lang in LANGS:
        first_seen: dict[str, int] = {}
        for number, text in enumerate(texts, start=1):
            key = getattr(text, lang).strip()
            if key in first_seen:
                report.add(
                    f"{what} {first_seen[key]} and {number} have the same {lang} text {key!r}: make each one different"
                )
            else:
                first_seen[key] = number


# --- Per-type checks ----------------------------------------------------------


def _options(mapping: Mapping, qtype: str, report: _Report) -> tuple[Option, ...]:
    raw = _list(mapping["options"], "options", report, 2, "a list of '- text: {zh: ..., en: ...}' entries")
    if raw is None:
        return ()
    options = []
    for number, entry in enumerate(raw, start=1):
        what = f"option {number}"
        if not isinstance(entry, Mapping):
            report.add(f"{what} must be a mapping ({_describe(entry)}): write '- text: {{zh: ..., en: ...}}'")
            continue
        _unknown_keys(entry, OPTION_KEYS, what, report)
        if "text" not in entry:
            report.add(f"{what} has no text: add text: {{zh: ..., en: ...}}")
            text = None
        else:
            text = _text(entry["text"], f"{what} text", report)
        correct = entry.get("correct", False)
        if not isinstance(correct, bool):
            report.add(f"{what}: correct must be true or false ({_describe(correct)}): write correct: true, or leave it out")
            correct = False
        feedback = _text(entry["feedback"], f"{what} feedback", report) if "feedback" in entry else None
        if text is not None:
            options.append(Option(text=text, correct=correct, feedback=feedback))
    if options and len(options) == len(raw):
        _duplicates([o.text for o in options], "options", report)
        right = sum(o.correct for o in options)
        if qtype == "single" and right != 1:
            report.add(f"a single-choice question needs exactly one correct option, this one has {right}: mark exactly one with correct: true")
        if qtype == "multiple" and right < 1:
            report.add("a multiple-choice question needs at least one correct option: mark one or more with correct: true")
    return tuple(options)


def _truefalse(mapping: Mapping, report: _Report) -> bool | None:
    answer = mapping["answer"]
    if not isinstance(answer, bool):
        report.add(f"answer must be true or false ({_describe(answer)}): write answer: true or answer: false, without quotes")
        return None
    return answer


def _finite_number(value: Any, what: str, example: str, report: _Report) -> int | float | None:
    if not _is_number(value):
        report.add(f"{what} must be a number ({_describe(value)}): write e.g. {example}")
        return None
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        report.add(f"{what} must be a finite number no larger than {MAX_NUMBER:.0e} ({value!r}): use a real value")
        return None
    return value


def _numeric(mapping: Mapping, report: _Report) -> tuple[int | float | None, float, Text | None]:
    answer = _finite_number(mapping["answer"], "answer", "answer: 1991", report)
    tolerance = 0
    if "tolerance" in mapping:
        tolerance = _finite_number(mapping["tolerance"], "tolerance", "tolerance: 0", report)
        if tolerance is not None and tolerance < 0:
            report.add(f"tolerance must be 0 or more ({tolerance!r}): write tolerance: 0 for an exact answer")
            tolerance = None
        elif tolerance is not None and answer and tolerance >= abs(answer):
            report.add(
                f"tolerance {tolerance!r} is as large as the answer {answer!r}, so nearly any number would count: "
                "use a tolerance smaller than the answer (0 for an exact year)"
            )
    unit = _text(mapping["unit"], "unit", report) if "unit" in mapping else None
    return answer, tolerance or 0, unit


def _items(mapping: Mapping, report: _Report) -> tuple[Text, ...]:
    raw = _list(mapping["items"], "items", report, 3, "a list of {zh: ..., en: ...} in the correct order")
    if raw is None:
        return ()
    items = [_text(entry, f"item {number}", report) for number, entry in enumerate(raw, start=1)]
    if all(items):
        _duplicates(items, "items", report)
        return tuple(items)
    return ()


def _pairs(mapping: Mapping, report: _Report) -> tuple[Pair, ...]:
    raw = _list(mapping["pairs"], "pairs", report, 2, "a list of '- {term: {zh, en}, match: {zh, en}}'")
    if raw is None:
        return ()
    pairs = []
    for number, entry in enumerate(raw, start=1):
        what = f"pair {number}"
        if not isinstance(entry, Mapping):
            report.add(f"{what} must be a mapping with term and match ({_describe(entry)})")
            continue
        _unknown_keys(entry, PAIR_KEYS, what, report)
        parts = {}
        for key in PAIR_KEYS:
            if key not in entry:
                report.add(f"{what} has no {key}: add {key}: {{zh: ..., en: ...}}")
            else:
                parts[key] = _text(entry[key], f"{what} {key}", report)
        if all(parts.get(key) for key in PAIR_KEYS):
            pairs.append(Pair(term=parts["term"], match=parts["match"]))
    if len(pairs) == len(raw):
        _duplicates([p.term for p in pairs], "pair terms", report)
        _duplicates([p.match for p in pairs], "pair matches", report)
    return tuple(pairs)


def _accept(mapping: Mapping, report: _Report) -> Accepted | None:
    from .grading import normalize_text  # the grader decides what matches

    value = mapping["accept"]
    if not isinstance(value, Mapping):
        report.add(f"accept must be a mapping ({_describe(value)}): write accept: {{zh: [答案], en: [answer]}}")
        return None
    _unknown_keys(value, LANGS, "accept", report)
    lists = {}
    for lang in LANGS:
        answers = value.get(lang)
        if not isinstance(answers, list) or not answers:
            report.add(f"accept.{lang} must be a non-empty list: add the accepted {LANG_NAMES[lang]} answers, e.g. {lang}: [...]")
            continue
        good = True
        for number, answer in enumerate(answers, start=1):
            where = f"accept.{lang} answer {number}"
            if not isinstance(answer, str):
                report.add(f"{where} must be text ({_describe(answer)}): put it in quotes")
                good = False
            elif len(answer) > MAX_TEXT:
                report.add(f"{where} is longer than {MAX_TEXT} characters: shorten it")
                good = False
            elif not normalize_text(answer):
                report.add(f"{where} {answer!r} is empty once punctuation and spaces are dropped: write words")
                good = False
        if good:
            lists[lang] = tuple(answers)
    return Accepted(zh=lists["zh"], en=lists["en"]) if len(lists) == 2 else None


# --- Questions and banks -------------------------------------------------------


def _question_label(mapping: Any, number: int | None) -> str | None:
    """The id to print for a question: its own if usable, else 'question N'."""
    qid = mapping.get("id") if isinstance(mapping, Mapping) else None
    if isinstance(qid, str) and qid:
        return qid
    return f"question {number}" if number else None


def _check_question(mapping: Any, file: str, number: int | None, problems: list[Problem]) -> Question | None:
    """Validate one question mapping; append its problems; the Question if none."""
    line = _line_of(mapping)
    report = _Report(file, line, _question_label(mapping, number), problems)
    if not isinstance(mapping, Mapping):
        report.add(f"a question must be a mapping with id, type, prompt, ... ({_describe(mapping)})")
        return None

    qtype = mapping.get("type")
    type_known = isinstance(qtype, str) and qtype in TYPES
    for key in REQUIRED_COMMON:
        if key not in mapping:
            report.add(f"{key} is missing: add {key}: {_EXAMPLES[key]}")
    if "type" in mapping and not type_known:
        close = difflib.get_close_matches(str(qtype), TYPES, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        report.add(f"unknown type {qtype!r}: {hint}use one of {', '.join(TYPES)}")

    qid = mapping.get("id")
    if "id" in mapping and not (isinstance(qid, str) and ID_PATTERN.fullmatch(qid)):
        report.add(f"id {qid!r} is not usable: use lowercase letters, digits and hyphens, e.g. id: sanctions-1989")
    section = mapping.get("section")
    if "section" in mapping and not (isinstance(section, str) and SECTION_PATTERN.fullmatch(section)):
        report.add(f"section {section!r} must be the MyST label of a lesson section, e.g. section: l1-origins")

    prompt = _text(mapping["prompt"], "prompt", report) if "prompt" in mapping else None
    explanation = _text(mapping["explanation"], "explanation", report) if "explanation" in mapping else None
    hints: tuple[Text, ...] = ()
    if "hints" in mapping:
        raw_hints = _list(mapping["hints"], "hints", report, 1, "hints: [{zh: ..., en: ...}]")
        if raw_hints is not None:
            hints = tuple(_text(h, f"hint {n}", report) for n, h in enumerate(raw_hints, start=1))

    fields: dict[str, Any] = {}
    if type_known:
        own = TYPE_KEYS[qtype]
        elsewhere = {key: f"{', '.join(t for t in TYPES if key in TYPE_KEYS[t])} questions use it" for t in TYPES for key in TYPE_KEYS[t]}
        _unknown_keys(mapping, COMMON_KEYS + own, f"{qtype} questions", report, elsewhere)
        if own[0] not in mapping:
            report.add(f"a {qtype} question needs {own[0]}: add {own[0]}: {_EXAMPLES[own[0] + ':' + qtype]}")
        else:
            fields = _type_fields(mapping, qtype, report)
    else:
        every = COMMON_KEYS + tuple(key for keys in TYPE_KEYS.values() for key in keys)
        _unknown_keys(mapping, tuple(dict.fromkeys(every)), "a question", report)

    if report.count:
        return None
    return Question(
        id=qid,
        type=qtype,
        prompt=prompt,
        explanation=explanation,
        section=section,
        hints=hints,
        line=line,
        raw=_plain(mapping),
        **fields,
    )


def _type_fields(mapping: Mapping, qtype: str, report: _Report) -> dict[str, Any]:
    if qtype in ("single", "multiple"):
        return {"options": _options(mapping, qtype, report)}
    if qtype == "truefalse":
        return {"answer": _truefalse(mapping, report)}
    if qtype == "numeric":
        answer, tolerance, unit = _numeric(mapping, report)
        return {"answer": answer, "tolerance": tolerance, "unit": unit}
    if qtype == "ordering":
        return {"items": _items(mapping, report)}
    if qtype == "matching":
        return {"pairs": _pairs(mapping, report)}
    return {"accept": _accept(mapping, report)}


_EXAMPLES = {
    "id": "a-short-id",
    "type": " | ".join(TYPES),
    "prompt": "{zh: 中文題目, en: The question}",
    "explanation": "{zh: 中文說明, en: English explanation}",
    "section": "l1-origins (the MyST label of the lesson section the explanation cites)",
    "options:single": "a list of options, exactly one with correct: true",
    "options:multiple": "a list of options, at least one with correct: true",
    "answer:truefalse": "true or false",
    "answer:numeric": "a number, e.g. 1991",
    "items:ordering": "the items as {zh, en} in the correct order",
    "pairs:matching": "a list of {term: {zh, en}, match: {zh, en}}",
    "accept:text": "{zh: [答案], en: [answer]}",
}


def question_from_dict(mapping: Mapping, file: str = "<question>") -> Question:
    """Validate one bank-style question mapping; BankError lists every problem."""
    problems: list[Problem] = []
    question = _check_question(mapping, file, None, problems)
    if question is None:
        raise BankError(problems)
    return question


def _read_yaml(path: Path, file: str) -> tuple[Any, list[tuple[int, str]]]:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BankError([Problem(file, None, None, "is not UTF-8 text: save it with UTF-8 encoding")]) from None
    except OSError as error:
        raise BankError([Problem(file, None, None, f"cannot be read ({error.strerror or error}): check the path")]) from None
    loader = _LineLoader(source)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise BankError([Problem(file, line, None, f"invalid YAML: {what}: check the indentation, colons and quotes")]) from None
    except yaml.YAMLError as error:
        raise BankError([Problem(file, None, None, f"invalid YAML: {error}")]) from None
    finally:
        loader.dispose()
    return data, loader.duplicate_keys


def _report_duplicate_keys(duplicates: list[tuple[int, str]], data: Mapping, file: str, problems: list[Problem]) -> None:
    """Report each repeated key against the question it sits in (the last one
    starting at or before it), or against the bank if it is above them all."""
    questions = data.get("questions")
    starts = [
        (_line_of(q), _question_label(q, n))
        for n, q in enumerate(questions if isinstance(questions, list) else [], start=1)
        if _line_of(q)
    ]
    for key_line, key in duplicates:
        owner = [(line, label) for line, label in starts if line <= key_line]
        line, label = owner[-1] if owner else (_line_of(data) or 1, None)
        problems.append(
            Problem(file, line, label, f"the key {key!r} appears twice (line {key_line}): keep one, YAML would silently use the last")
        )


def load_bank(path: str | Path) -> Bank:
    """Read and validate a bank file; BankError lists every problem found."""
    path = Path(path)
    file = str(path)
    data, duplicate_keys = _read_yaml(path, file)
    problems: list[Problem] = []
    bank = _Report(file, _line_of(data) or 1, None, problems)
    if not isinstance(data, Mapping):
        bank.add(f"a bank must be a mapping with lesson, title and questions ({_describe(data)})")
        raise BankError(problems)
    _report_duplicate_keys(duplicate_keys, data, file, problems)

    _unknown_keys(data, BANK_KEYS, "the bank", bank)
    lesson = data.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        bank.add(f"lesson is missing or not text: add lesson: {path.stem}")
    elif lesson != path.stem:
        bank.add(f"lesson {lesson!r} does not match the file name {path.name}: make them the same")
    title = _text(data["title"], "title", bank) if "title" in data else None
    if "title" not in data:
        bank.add("title is missing: add title: {zh: 中文標題, en: English title}")

    questions = []
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        bank.add("questions is missing or empty: add a list of questions")
        raw_questions = []
    first_line: dict[str, int | None] = {}
    for number, mapping in enumerate(raw_questions, start=1):
        question = _check_question(mapping, file, number, problems)
        qid = mapping.get("id") if isinstance(mapping, Mapping) else None
        if isinstance(qid, str):
            if qid in first_line:
                where = f" (first used on line {first_line[qid]})" if first_line[qid] else ""
                problems.append(Problem(file, _line_of(mapping), qid, f"duplicate id{where}: give each question its own id"))
            else:
                first_line[qid] = _line_of(mapping)
        if question is not None:
            questions.append(question)
    if problems:
        raise BankError(sorted(problems, key=lambda p: p.line or 0))
    return Bank(path=path, lesson=lesson, title=title, questions=tuple(questions))

