"""Write the synthetic sample class used by book/instructor-gradebook.md.

    .venv/bin/python scripts/make_sample_class.py [--out book/data/sample-class]

SYNTHETIC DATA: no real student took part. Twelve made-up students
("synthetic-01" ...) answer the real quiz banks of book/quizzes/, drawn
from a fixed random seed so the files are the same on every run. Each
answer is graded by lessons.grading and flagged ``revealed`` by
lessons.progress, as a real export is; the answers to ``open`` questions are
marked "[synthetic]" and self-assess a random set of criteria. Two files are
deliberately bad, to show how the gradebook reports them: an exact copy of
another file, and an export from an older major course version.

Run it again after a quiz bank changes its questions or answer keys: the
gradebook regrades answers to edited questions and lists each changed score
as a note, which the instructor page would then show.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

from lessons import answers, qtypes
from lessons.gradebook import default_banks
from lessons.grading import grade
from lessons.paths import book_dir
from lessons.progress import progress

SEED = 20230911  # the brief's publication date
STUDENTS = 12
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)
README = """\
# 合成的範例班級 · Synthetic sample class

**這些資料是合成的：沒有任何真實學生參與。** 十二位虛構學生（synthetic-01 ……）
以固定的隨機種子回答本書真正的測驗題庫；由 `scripts/make_sample_class.py` 產生。

**This data is synthetic: no real student took part.** Twelve made-up students
(synthetic-01 ...) answer the book's real quiz banks, drawn from a fixed random
seed by `scripts/make_sample_class.py`.

Two files are bad on purpose, to show how the gradebook reports them:
`{copy}` (an exact copy of `{original}`) and
`{old}` (from an older course version).
"""


def response(rng: random.Random, question, knows: bool, language: str):
    """A plausible response to ``question``: right when ``knows``, else a typical slip (its type's)."""
    return qtypes.of(question).sample_response(question, rng, knows=knows, language=language)


def attempts_for(rng: random.Random, question, ability: float, language: str, hard: float) -> list:
    """One or two attempts: a wrong first try is sometimes retried, as the quiz allows."""
    first = response(rng, question, rng.random() < ability - hard, language)
    tries = [first]
    if grade(question, first).status not in ("correct", "self-assessed") and rng.random() < 0.5:
        tries.append(response(rng, question, rng.random() < 0.6, language))
    return tries


def student_export(rng, student: str, bank, ability: float, language: str, when: dt.datetime, hardness: dict) -> dict:
    rows = []
    for question in bank.questions:
        if rng.random() < 0.06:  # now and then a question is left out
            continue
        mine: list[dict] = []
        for attempt in attempts_for(rng, question, ability, language, hardness[question.id]):
            when += dt.timedelta(seconds=rng.randrange(20, 90))
            revealed = progress(mine, len(question.hints)).answer_shown  # as the quiz records it
            record = answers.attempt_record(question, grade(question, attempt), attempt, revealed, when.isoformat().replace("+00:00", "Z"))
            mine.append(record)
            rows.append(record)
    document = answers.make_export(bank.lesson, rows, student, rng.choice(answers.SOURCES))
    document["exported_at"] = (when + dt.timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    return document


def write_sample_class(out: Path) -> list[Path]:
    """Write the sample class into ``out`` (emptied first); return the files written."""
    rng = random.Random(SEED)
    banks = default_banks()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    hardness = {q.id: rng.uniform(-0.1, 0.45) for bank in banks.values() for q in bank.questions}
    written = []
    for number in range(1, STUDENTS + 1):
        student = f"synthetic-{number:02d}"
        ability = rng.uniform(0.45, 1.0)
        language = rng.choice(["zh", "en"])
        for week, (lesson, bank) in enumerate(sorted(banks.items())):
            if rng.random() < 0.1:  # a few exports are missing, as in any class
                continue
            when = START + dt.timedelta(days=7 * week, minutes=rng.randrange(0, 40))
            path = out / f"{student}-{lesson}.json"
            document = student_export(rng, student, bank, ability, language, when, hardness)
            path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written.append(path)
    return written + write_bad_examples(out, written[4], written[-5])


def write_bad_examples(out: Path, original: Path, outdated: Path) -> list[Path]:
    """The two files the gradebook must report and skip, and the README naming them."""
    copy = original.with_name(f"{original.stem} (1).json")
    shutil.copyfile(original, copy)
    old = json.loads(outdated.read_text(encoding="utf-8"))
    old["course_version"] = "0.9.0"
    old_path = outdated.with_name(f"{outdated.stem}-old.json")
    old_path.write_text(json.dumps(old, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    readme = README.format(copy=copy.name, original=original.name, old=old_path.name)
    (out / "README.md").write_text(readme, encoding="utf-8")
    return [copy, old_path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=book_dir() / "data" / "sample-class")
    files = write_sample_class(parser.parse_args().out)
    print(f"wrote {len(files)} synthetic export files")


if __name__ == "__main__":
    main()
