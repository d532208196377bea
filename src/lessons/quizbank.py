"""Quiz banks: YAML files that course authors edit by hand, loaded into typed,
validated questions (:mod:`lessons.model`).

A bank is ``book/quizzes/lesson-N.yml`` (format: ``docs/architecture.md``).
:func:`load_bank` checks *all* of it before anything uses it, and reports
every problem at once, each as ``file:line: question-id: what is wrong and how
to fix it``, so an author fixes a bank in one pass and never sees a traceback.

Here: the bank's shape (lesson, title, objectives, unique ids) and the keys
every question shares (id, type, prompt, explanation, section, hints, level,
objective, points, tryit). Each type's own keys are checked by its module in
:mod:`lessons.qtypes` (a known type; its fields and no others, so typos such
as ``explaination`` are caught; answer keys that make sense).
:func:`coverage` is what ``python -m lessons check`` reports per lesson.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import bankcheck as check
from .bilingual import Text
from .model import (  # noqa: F401  (re-exported: the bank's vocabulary)
    HIGHER_LEVELS,
    LEVELS,
    MAX_NUMBER,
    MAX_TEXT,
    Accepted,
    Bank,
    BankError,
    Objective,
    Option,
    Pair,
    Problem,
    Question,
    Statement,
)
from .qtypes import TYPES as TYPE_MODULES

TYPES = tuple(TYPE_MODULES)

#: Keys every question may have; REQUIRED_COMMON lists the ones it must have.
COMMON_KEYS = ("id", "type", "prompt", "explanation", "section", "hints", "level", "objective", "points", "tryit")
#: In a bank; a lone question (question_from_dict) needs only the first five.
REQUIRED_COMMON = ("id", "type", "prompt", "explanation", "section", "level", "objective")
#: Keys each type adds; the first one listed is required.
TYPE_KEYS = {name: module.KEYS for name, module in TYPE_MODULES.items()}
BANK_KEYS = ("lesson", "title", "objectives", "questions")
OBJECTIVE_KEYS = ("id", "text")
ID_PATTERN = re.compile(r"[a-z0-9-]+")
SECTION_PATTERN = re.compile(r"[^\s]+")
#: What ``python -m lessons check`` asks of every lesson's bank (issue 12).
MIN_QUESTIONS = 10
MIN_HIGHER_SHARE = 0.4
MIN_PER_OBJECTIVE = 2
REQUIRED_TYPES = ("classify", "open")


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


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml, PyYAML's C parser when installed: it reads
    a bank about six times faster (the book build, the gradebook and the
    tests read every bank many times). Same constructors and resolver, so
    the same data and line numbers; a file it refuses is read again by
    _LineLoader, whose messages authors see."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


_FastLineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def _plain(value: Any) -> Any:
    """The same data as plain dicts and lists (no line bookkeeping)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# --- Questions and banks -------------------------------------------------------


def _question_label(mapping: Any, number: int | None) -> str | None:
    """The id to print for a question: its own if usable, else 'question N'."""
    qid = mapping.get("id") if isinstance(mapping, Mapping) else None
    if isinstance(qid, str) and qid:
        return qid
    return f"question {number}" if number else None


def _check_question(
    mapping: Any, file: str, number: int | None, problems: list[Problem], objectives: set[str] | None = None
) -> Question | None:
    """Validate one question mapping; append its problems; the Question if none.

    ``objectives``: the bank's objective ids (None: a lone question, e.g.
    for the grader, which needs no level or objective; given, they are
    checked for their form only)."""
    line = _line_of(mapping)
    report = check.Report(file, line, _question_label(mapping, number), problems)
    if not isinstance(mapping, Mapping):
        report.add(f"a question must be a mapping with id, type, prompt, ... ({check.describe(mapping)})")
        return None

    qtype = mapping.get("type")
    type_known = isinstance(qtype, str) and qtype in TYPES
    required = REQUIRED_COMMON if objectives is not None else REQUIRED_COMMON[:5]
    for key in required:
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

    prompt = check.text_field(mapping["prompt"], "prompt", report) if "prompt" in mapping else None
    explanation = check.text_field(mapping["explanation"], "explanation", report) if "explanation" in mapping else None
    hints: tuple[Text, ...] = ()
    if "hints" in mapping:
        raw_hints = check.list_field(mapping["hints"], "hints", report, 1, "hints: [{zh: ..., en: ...}]")
        if raw_hints is not None:
            hints = tuple(check.text_field(h, f"hint {n}", report) for n, h in enumerate(raw_hints, start=1))
    common = _common_fields(mapping, report, objectives)

    fields: dict[str, Any] = {}
    if type_known:
        module = TYPE_MODULES[qtype]
        own = module.KEYS
        elsewhere = {key: f"{', '.join(t for t in TYPES if key in TYPE_KEYS[t])} questions use it" for t in TYPES for key in TYPE_KEYS[t]}
        check.unknown_keys(mapping, COMMON_KEYS + own, f"{qtype} questions", report, elsewhere)
        if own[0] not in mapping:
            report.add(f"a {qtype} question needs {own[0]}: add {own[0]}: {module.EXAMPLE}")
        else:
            fields = module.fields(mapping, report)
    else:
        every = COMMON_KEYS + tuple(key for keys in TYPE_KEYS.values() for key in keys)
        check.unknown_keys(mapping, tuple(dict.fromkeys(every)), "a question", report)

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
        **common,
        **fields,
    )


def _common_fields(mapping: Mapping, report: check.Report, objectives: set[str] | None) -> dict[str, Any]:
    """level, objective, points and tryit, checked."""
    found: dict[str, Any] = {}
    level = mapping.get("level")
    if "level" in mapping:
        if level in LEVELS:
            found["level"] = level
        else:
            close = difflib.get_close_matches(str(level), LEVELS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            report.add(f"level {level!r} is not a level: {hint}use one of {', '.join(LEVELS)}")
    objective = mapping.get("objective")
    if "objective" in mapping:
        if not (isinstance(objective, str) and ID_PATTERN.fullmatch(objective)):
            report.add(f"objective {objective!r} must be the id of one of the bank's objectives, e.g. objective: origins")
        elif objectives is not None and objective not in objectives:
            known = ", ".join(sorted(objectives)) or "none: add objectives: at the top of the bank"
            report.add(f"objective {objective!r} is not among the bank's objectives ({known}): use one of them or add it")
        else:
            found["objective"] = objective
    if "points" in mapping:
        points = mapping["points"]
        if not check.is_number(points) or not 0 < points <= 100 or round(points, 2) != points:
            report.add(
                f"points must be a positive number with at most two decimals, e.g. points: 2 ({check.describe(points)}): or leave it out for 1 point"
            )
        else:
            found["points"] = points
    if "tryit" in mapping:
        if isinstance(mapping["tryit"], bool):
            found["tryit"] = mapping["tryit"]
        else:
            report.add(f"tryit must be true or false ({check.describe(mapping['tryit'])}): write tryit: true, or leave it out")
    return found


_EXAMPLES = {
    "id": "a-short-id",
    "type": " | ".join(TYPES),
    "prompt": "{zh: 中文題目, en: The question}",
    "explanation": "{zh: 中文說明, en: English explanation}",
    "section": "l1-origins (the MyST label of the lesson section the explanation cites)",
    "level": " | ".join(LEVELS),
    "objective": "the id of one of the bank's objectives, e.g. origins",
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
    try:
        return _parse(source, _FastLineLoader)
    except yaml.YAMLError:
        pass  # read again below: the message of the pure-Python parser
    try:
        return _parse(source, _LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise BankError([Problem(file, line, None, f"invalid YAML: {what}: check the indentation, colons and quotes")]) from None
    except yaml.YAMLError as error:
        raise BankError([Problem(file, None, None, f"invalid YAML: {error}")]) from None


def _parse(source: str, loader_class: type) -> tuple[Any, list[tuple[int, str]]]:
    loader = loader_class(source)
    try:
        return loader.get_single_data(), loader.duplicate_keys
    finally:
        loader.dispose()


def _report_duplicate_keys(duplicates: list[tuple[int, str]], data: Mapping, file: str, problems: list[Problem]) -> None:
    """Report each repeated key against the question it sits in (the last one
    starting at or before it), or against the bank if it is above them all."""
    questions = data.get("questions")
    starts = [
        (_line_of(q), _question_label(q, n)) for n, q in enumerate(questions if isinstance(questions, list) else [], start=1) if _line_of(q)
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
    bank = check.Report(file, _line_of(data) or 1, None, problems)
    if not isinstance(data, Mapping):
        bank.add(f"a bank must be a mapping with lesson, title, objectives and questions ({check.describe(data)})")
        raise BankError(problems)
    _report_duplicate_keys(duplicate_keys, data, file, problems)

    check.unknown_keys(data, BANK_KEYS, "the bank", bank)
    lesson = data.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        bank.add(f"lesson is missing or not text: add lesson: {path.stem}")
    elif lesson != path.stem:
        bank.add(f"lesson {lesson!r} does not match the file name {path.name}: make them the same")
    title = check.text_field(data["title"], "title", bank) if "title" in data else None
    if "title" not in data:
        bank.add("title is missing: add title: {zh: 中文標題, en: English title}")
    objectives = _objectives(data, file, problems)

    questions = []
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        bank.add("questions is missing or empty: add a list of questions")
        raw_questions = []
    known = {objective.id for objective in objectives}
    first_line: dict[str, int | None] = {}
    for number, mapping in enumerate(raw_questions, start=1):
        question = _check_question(mapping, file, number, problems, known)
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
    return Bank(path=path, lesson=lesson, title=title, questions=tuple(questions), objectives=tuple(objectives))


def _objectives(data: Mapping, file: str, problems: list[Problem]) -> list[Objective]:
    """The bank's learning objectives: ``objectives: [{id, text: {zh, en}}]``."""
    report = check.Report(file, _line_of(data.get("objectives")) or _line_of(data) or 1, None, problems)
    if "objectives" not in data:
        report.add("objectives is missing: add objectives: [{id: origins, text: {zh: ..., en: ...}}], verbatim from the lesson page")
        return []
    raw = check.list_field(data["objectives"], "objectives", report, 1, "[{id: origins, text: {zh: ..., en: ...}}]")
    found: list[Objective] = []
    for number, entry in enumerate(raw or [], start=1):
        where = check.Report(file, _line_of(entry) or report.line, None, problems)
        what = f"objective {number}"
        if not isinstance(entry, Mapping):
            where.add(f"{what} must be a mapping with id and text ({check.describe(entry)})")
            continue
        check.unknown_keys(entry, OBJECTIVE_KEYS, what, where)
        oid = entry.get("id")
        if not (isinstance(oid, str) and ID_PATTERN.fullmatch(oid)):
            where.add(f"{what}: id {oid!r} is not usable: use lowercase letters, digits and hyphens, e.g. id: origins")
            continue
        if any(o.id == oid for o in found):
            where.add(f"{what}: id {oid!r} is used twice: give each objective its own id")
            continue
        text = check.text_field(entry.get("text"), f"{what} text", where)
        if text is not None:
            found.append(Objective(id=oid, text=text))
    return found


@dataclass(frozen=True)
class Coverage:
    """What a lesson's bank measures: questions per level and per objective,
    and the problems ``python -m lessons check`` fails on."""

    lesson: str
    questions: int
    levels: dict[str, int]
    objectives: dict[str, int]
    types: dict[str, int]
    problems: tuple[Problem, ...]

    @property
    def higher_share(self) -> float:
        """The share of questions at apply, analyse or evaluate."""
        return sum(self.levels.get(level, 0) for level in HIGHER_LEVELS) / self.questions if self.questions else 0.0

    def lines(self) -> list[str]:
        """The per-lesson report: levels and objectives covered."""
        levels = ", ".join(f"{level} {self.levels.get(level, 0)}" for level in LEVELS)
        objectives = ", ".join(f"{oid} {count}" for oid, count in self.objectives.items()) or "none"
        return [
            f"  levels: {levels} ({self.higher_share:.0%} at apply/analyse/evaluate)",
            f"  objectives: {objectives}",
        ]


def coverage(bank: Bank) -> Coverage:
    """How ``bank`` covers its lesson's objectives and levels; its problems
    name the file, line and what to add (issue 12's rules: at least
    MIN_QUESTIONS questions, MIN_HIGHER_SHARE of them at apply/analyse/evaluate,
    MIN_PER_OBJECTIVE questions per objective, one classify and one open)."""
    file, line = str(bank.path), 1
    questions = bank.questions
    levels = Counter(q.level for q in questions)
    per_objective = {o.id: sum(q.objective == o.id for q in questions) for o in bank.objectives}
    types = Counter(q.type for q in questions)
    problems = []

    def problem(message: str) -> None:
        problems.append(Problem(file, line, None, message))

    if len(questions) < MIN_QUESTIONS:
        problem(f"{len(questions)} questions; a lesson needs at least {MIN_QUESTIONS}: add {MIN_QUESTIONS - len(questions)} more")
    higher = sum(levels.get(level, 0) for level in HIGHER_LEVELS)
    if questions and higher < MIN_HIGHER_SHARE * len(questions):
        needed = -(-int(MIN_HIGHER_SHARE * 10) * len(questions) // 10)
        problem(
            f"{higher} of {len(questions)} questions are at apply, analyse or evaluate; at least "
            f"{MIN_HIGHER_SHARE:.0%} ({needed}) are needed: add or re-level questions"
        )
    for oid, count in per_objective.items():
        if count < MIN_PER_OBJECTIVE:
            problem(
                f"objective {oid!r} has {count} question(s); each needs at least {MIN_PER_OBJECTIVE}: add questions with objective: {oid}"
            )
    for qtype in REQUIRED_TYPES:
        if not types.get(qtype):
            problem(f"no {qtype} question; each lesson needs one: add a question with type: {qtype}")
    return Coverage(bank.lesson, len(questions), dict(levels), per_objective, dict(types), tuple(problems))
