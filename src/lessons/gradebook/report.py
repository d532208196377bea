"""A class's results in words and pictures: the instructor's summary, an
item in words, and one chart per lesson with its description.

:class:`Report` is a part of :class:`lessons.gradebook.analysis.ClassResults`
(it reads ``items()``, ``wrong_options()``, ``scores()``, ``label()``...);
the drawing itself is :mod:`lessons.gradebook.chart`'s.
"""

from __future__ import annotations

from markupsafe import Markup

from ..bilingual import BOTH, Text, check_mode
from ..svg import unique_prefix
from .chart import chart_html, item_chart

__all__ = ["METRICS", "POLICY_WORDS", "TRY_WORDS", "Report"]


class Report:
    """The summary and charts of :class:`~lessons.gradebook.analysis.ClassResults`."""

    def summary(self, mode: str = BOTH) -> str:
        """A short report for the instructor in ``mode`` (zh-Hant, en or both)."""
        return "\n".join(line.in_mode(mode, sep="\n") if isinstance(line, Text) else line for line in self._summary())

    def _summary(self) -> list:
        lines: list = [
            Text(
                f"已讀取 {len(self.files_read)} 個檔案：{len(self.students)} 位學生，課次 {', '.join(self.lessons) or '無'}",
                f"Read {_count(len(self.files_read), 'file')}: {_count(len(self.students), 'student')}, "
                f"lessons {', '.join(self.lessons) or 'none'}",
            )
        ]
        if self.skipped:
            lines.append(Text(f"略過 {len(self.skipped)} 個檔案：", f"Skipped {_count(len(self.skipped), 'file')}:"))
            lines += [f"  - {item}" for item in self.skipped]
        if self.notes:
            lines.append(Text("注意：", "Notes:"))
            lines += [f"  - {note}" for note in self.notes]
        if not self.files_read:
            return lines
        percent = self.scores()["percent"].mean()
        policy = POLICY_WORDS[self.count]
        lines.append(
            Text(
                f"平均得分率 {percent:.1f}%（{policy.zh}；只算每位學生做過的課）",
                f"Mean score {percent:.1f}% ({policy.en}; over the lessons each student did)",
            )
        )
        missed = self.most_missed(3)
        if len(missed):
            lines.append(Text("最常答錯的題目：", "Most often missed:"))
            lines += [Text(f"  - {text.zh}", f"  - {text.en}") for text in map(self.item_words, missed.itertuples())]
            lines.append(METRICS[self.count])
        opened = self.open_answers()
        if len(opened):
            lines.append(
                Text(
                    f"自評的簡述題答案 {len(opened)} 份，請閱讀 open-answers.csv（不判對錯）",
                    f"{len(opened)} self-assessed open answers to read in open-answers.csv (never marked right or wrong)",
                )
            )
        return lines

    def item_words(self, row) -> Text:
        """One row of :meth:`items` in words: "lesson-2 Q3 (id): 70 % of the
        points · 6 of 10 students missed it at their first try"."""
        tried = TRY_WORDS[self.count]
        label = self.label(row.lesson, row.question)
        share = round(100 * row.difficulty)
        return Text(
            f"{label}：得分比例 {share} % · {row.answered} 位學生中有 {row.missed} 位{tried.zh}沒有全對",
            f"{label}: {share} % of the points · {row.missed} of {row.answered} students missed it {tried.en}",
        )

    def chart(self, mode: str = BOTH, lesson: str | None = None):
        """One lesson's chart, a matplotlib Figure: the share of the points
        per question (by the number students saw) and the wrong options
        chosen most. ``lesson`` may be left out when only one was answered."""
        lesson = self._one_lesson(lesson)
        items = self.items()
        return item_chart(items[items["lesson"] == lesson], self.wrong_options(lesson=lesson), check_mode(mode), self.count)

    def _one_lesson(self, lesson: str | None) -> str:
        if lesson is None and len(self.lessons) == 1:
            return self.lessons[0]
        if lesson not in self.lessons:
            raise ValueError(f"chart of which lesson? Name one of {', '.join(self.lessons) or 'none answered'}")
        return lesson

    def chart_html(self, mode: str = BOTH, id_prefix: str | None = None, lesson: str | None = None) -> Markup:
        """One inline SVG figure per lesson (or only ``lesson``), text kept as
        text, each with a bilingual caption; ids start with ``id_prefix``
        (default: one unique in this kernel), then the lesson when there are several."""
        lessons = [self._one_lesson(lesson)] if lesson or len(self.lessons) == 1 else self.lessons
        prefix = id_prefix or unique_prefix("lessons-gradebook-chart")
        return Markup("").join(
            chart_html(self.chart(mode, name), self.chart_description(name), prefix if len(lessons) == 1 else f"{prefix}-{name}")
            for name in lessons
        )

    def chart_description(self, lesson: str | None = None) -> Text:
        """What one lesson's chart shows, for its caption and screen readers."""
        lesson = self._one_lesson(lesson)
        items = self.items()
        items = items[items["lesson"] == lesson].dropna(subset=["difficulty"])
        if items.empty:
            return Text(f"{lesson}：沒有可繪製的作答。", f"{lesson}: no answers to chart.")
        hardest = self.item_words(items.sort_values("difficulty", kind="stable").iloc[0])
        policy, metrics = POLICY_WORDS[self.count], METRICS[self.count]
        return Text(
            f"{lesson} 上圖：{len(items)} 題各自的得分比例（{policy.zh}），題號與學生看到的相同；最難的是 {hardest.zh}。"
            f"下圖：最常被選的錯誤選項。{metrics.zh}",
            f"{lesson}, top: the share of the points on each of {len(items)} questions ({policy.en}), numbered as students "
            f"saw them; the hardest is {hardest.en}. Below: the wrong options chosen most often. {metrics.en}",
        )


#: Which try a "missed" count is about, by counting policy.
TRY_WORDS = {
    "first": Text("第一次作答", "at their first try"),
    "best": Text("最好的一次作答", "at their best try"),
    "last": Text("最後一次作答", "at their last try"),
}
#: The item metrics, defined once for the summary and the chart's caption.
METRICS = {
    policy: Text(
        f"（得分比例：全班在該題{words.zh}所得分數占配分的比例，100 % 表示人人全對；"
        f"沒有全對：{words.zh}沒有拿到全部分數的學生人數，部分對也算在內。）",
        f"(Share of the points: what the students earned on the question {words.en}, over its points; 100 % = everyone fully right. "
        f"Missed: students who did not earn all its points {words.en}, partly right included.)",
    )
    for policy, words in TRY_WORDS.items()
}
#: How the counting policy reads in a report.
POLICY_WORDS = {
    "first": Text("以第一次作答計分", "first attempts count"),
    "best": Text("以最好的一次作答計分", "best attempts count"),
    "last": Text("以最後一次作答計分", "last attempts count"),
}


def _count(number: int, noun: str) -> str:
    """"1 file", "3 files": the teacher reads the summary aloud, not a template."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
