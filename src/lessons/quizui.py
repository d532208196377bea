"""The quiz's words: every piece of interface text and the status labels.

One catalogue for both runtimes: the book's form (:mod:`lessons.quizhtml`,
which hands it to ``static/quiz.js`` as JSON), the live quiz
(:mod:`lessons.widgets`) and a grade's HTML (:mod:`lessons.gradeview`) all
read it, so they say the same things. A question type's own label lives
in its module (:mod:`lessons.qtypes`).
"""

from __future__ import annotations

import math

from .bilingual import Text

#: Each status as a symbol and in words, so it never depends on colour alone.
STATUS_LABELS = {
    "correct": ("✓", Text("正確", "Correct")),
    "partial": ("◐", Text("部分正確", "Partly correct")),
    "incorrect": ("✗", Text("不正確", "Incorrect")),
    "self-assessed": ("✎", Text("已自評", "Self-assessed")),
    "invalid": ("⚠", Text("無法批改這個答案", "This answer cannot be checked")),
}
PARTS_LABEL = Text("各部分", "Parts")
#: The live quiz's instructor switch (shown only in instructor mode).
REVEAL = Text("顯示所有答案（教師用）", "Reveal all answers (instructor)")

#: Every piece of quiz interface text, shared by this form, quiz.js (as
#: JSON) and the live widget, so the two runtimes say the same things.
UI = {
    "quiz": Text("測驗", "Quiz"),
    "tryit": Text("試試看", "Try it"),
    "howto": Text(
        "作答後按「檢查答案」。答錯時會出現提示，可以再試一次。",
        "Answer, then press Check. A wrong try shows a hint and you can try again.",
    ),
    "nojs": Text(
        "這份測驗需要 JavaScript 才能自動批改；你也可以自己作答，再打開每題的「答案與說明」對照。",
        "This quiz checks itself when JavaScript is on. Without it, answer on your own and open each "
        "“Answer and explanation” to compare.",
    ),
    "true": Text("對", "True"),
    "false": Text("錯", "False"),
    "your_answer": Text("你的答案", "Your answer"),
    "position": Text("順序", "Position"),
    "ordering_help": Text("為每一項選一個順序：1 排在最前面，每個數字只用一次。", "Give each item a position: 1 comes first; use each number once."),
    "matching_help": Text("為每個項目選出相配的一項。", "For each term, choose the match."),
    "choose": Text("— 請選擇 —", "— choose —"),
    "check": Text("檢查答案", "Check"),
    "retry": Text("再試一次", "Try again"),
    "hint": Text("提示 {n}", "Hint {n}"),
    "answer_and_explanation": Text("答案與說明", "Answer and explanation"),
    "answer": Text("答案", "Answer"),
    "explanation": Text("說明", "Explanation"),
    "read_section": Text("回到課文的這一節", "Read this section of the lesson"),
    "accepted": Text("可接受的答案", "Accepted answers"),
    "tolerance": Text("容許誤差 ±{tolerance}", "within ±{tolerance}"),
    # status_correct, status_partial, ... come from STATUS_LABELS (below).
    # One score story (issue 24): a question says what this try scored and,
    # after a retry, what its first try scored, which is what the total counts.
    "points": Text("（這次得分 {score} / {max}）", "(this try scores {score} / {max})"),
    "first_try": Text(
        "第一次作答得分 {score} / {max}；總分只計每題的第一次作答。",
        "Your first try scored {score} / {max}; the total counts first tries only.",
    ),
    "no_credit": Text("答案已顯示過，這次作答會保留，但不計分。", "The answer was already shown: this try is kept but scores nothing."),
    "classify_help": Text("把每一句話歸入一個類別。", "Put each statement in a category."),
    "category": Text("類別", "Category"),
    "open_help": Text(
        "先寫下你的答案，按「檢查答案」看參考答案，再勾選你的答案符合的標準並再按一次。",
        "Write your answer, press Check to see a model answer, then tick the criteria your answer meets and press Check again.",
    ),
    "model_answer": Text("參考答案", "Model answer"),
    "rubric": Text("評分標準：勾選你的答案符合的項目", "Criteria: tick the ones your answer meets"),
    "write_first": Text("請先寫下你的答案。", "Write your answer first."),
    "now_assess": Text("參考答案與評分標準已顯示；勾選符合的標準後再按「檢查答案」。", "The model answer and criteria are shown: tick the ones you met, then press Check again."),
    "self_assessed": Text("符合 {met} / {total} 項標準（自評）", "{met} of {total} criteria met (self-assessed)"),
    "choose_first": Text("請先作答，再按「檢查答案」。", "Answer first, then press Check."),
    "positions_incomplete": Text("請為每一項選一個不同的順序。", "Give every item a different position."),
    "hint_shown": Text("提示已顯示於下方。", "A hint is shown below."),
    "answer_shown": Text("答案與說明已顯示於下方。", "The answer and explanation are shown below."),
    "grader_failed": Text("批改程式出錯了，你的答案沒有遺失；請重新整理頁面再試。", "The grader failed; your answer is kept. Reload the page and try again."),
    "summary": Text(
        "總分（每題只計第一次作答）：{score} / {max}（已作答 {answered} / {total} 題；自評題不計分）",
        "Total of first tries: {score} / {max} ({answered} of {total} questions answered; "
        "self-assessed questions are not scored)",
    ),
    "student": Text("姓名或代號（匯出時需要）", "Name or alias (needed to export)"),
    "student_first": Text("請先填寫姓名或代號，老師才知道這是誰的答案。", "Write your name or alias first, so your teacher knows whose answers these are."),
    "export": Text("匯出我的答案", "Export my answers"),
    "export_done": Text("已下載 {file}，請交給老師。", "Downloaded {file}: hand it in to your teacher."),
    "reset": Text("重設測驗", "Reset quiz"),
    "reset_confirm": Text("再按一次，清除本課所有測驗的作答", "Press again to clear your answers to every quiz of this lesson"),
    "reset_cancelled": Text("沒有清除任何作答。", "Nothing was cleared."),
    "reset_done": Text("已清除本課所有測驗的作答紀錄。", "Your answers to this lesson's quizzes have been cleared."),
    "storage_failed": Text(
        "這個瀏覽器無法儲存你的作答；離開這一頁之前，請先匯出。",
        "Your answers can't be saved in this browser; export them before you leave.",
    ),
}
UI.update({f"status_{status}": words for status, (_symbol, words) in STATUS_LABELS.items()})

#: The live quiz's own words (the book's form has no kernel, files or class folder).
LIVE = {
    "bank_problems": Text("這份測驗題庫有問題，請修正後重新執行這一格：", "This quiz bank has problems; fix them and run the cell again:"),
    "replaced": Text(
        "這份測驗已由重新執行的測驗取代（作答都已帶過去），請使用新的那一份。",
        "This quiz was replaced when its cell ran again (its attempts went along): use the new one.",
    ),
    "export_saved": Text("已儲存 {file}，請把這個檔案交給老師。", "Saved {file}: hand this file in to your teacher."),
    "export_failed": Text(
        "無法寫入 {file}（{reason}）。請在你可以存檔的資料夾開啟這個筆記本，或請老師協助。",
        "Could not write {file} ({reason}). Open the notebook in a folder you can save to, or ask your teacher.",
    ),
    "class_needs_name": Text(
        "請在上方填寫姓名或代號：填寫之後，你的作答才會送到班級資料夾。",
        "Enter your name or alias above: your answers reach the class folder once a name is entered.",
    ),
    "class_next_check": Text(
        "姓名已填寫；下一次檢查答案時，你的作答會存到班級資料夾。",
        "Name entered: your answers are saved to the class folder at your next check.",
    ),
    "class_saved": Text("已於 {time} 存到班級資料夾（{file}）；之後每次檢查都會更新。", "Saved to the class folder at {time} ({file}); every check updates it."),
    "class_failed": Text(
        "無法存到班級資料夾：{file}。你的作答仍保留在這個筆記本；離開之前請先匯出，或請老師檢查資料夾。",
        "Could not save to the class folder: {file}. Your answers are kept in this notebook: export them before you leave, or ask your teacher to check the folder.",
    ),
    "name_taken": Text(
        "班上已經有人使用「{name}」這個名字，你的作答沒有送到班級資料夾。請在名字後加上姓氏縮寫或數字，再按 Enter。",
        "Someone in this class already uses the name “{name}”: your answers were not sent to the class folder. Add an initial or a number to your name and press Enter.",
    ),
    "keep_failed": Text(
        "無法儲存作答到 {file}（{reason}）；離開之前請先匯出。",
        "Could not save your answers to {file} ({reason}): export them before you leave.",
    ),
    "class_revealed": Text("老師已公開這一課的答案。", "Your teacher has revealed this lesson's answers."),
}


def fill(text: Text, **values) -> Text:
    """``text`` with ``{name}`` placeholders filled in both languages."""
    return Text(text.zh.format(**values), text.en.format(**values))


def quiz_label(bank, ids=None) -> Text:
    """What a quiz form is called before its bank's title: "Quiz" for the
    lesson quiz, "Try it" for a subset (numbered "Try it 2" when the bank has
    several tryit questions), so two forms on one page never share a title."""
    if ids is None:
        return UI["quiz"]
    tryits = [question.id for question in bank.questions if question.tryit]
    if len(tryits) > 1 and ids and ids[0] in tryits:
        number = tryits.index(ids[0]) + 1
        return Text(f"{UI['tryit'].zh} {number}", f"{UI['tryit'].en} {number}")
    return UI["tryit"]


def format_points(value) -> str:
    """Points for people: 1, 0.5, 0.67 -- to 2 places, a half rounded up.

    The twin of grader.js's ``formatPoints`` (``Math.round(value * 100) /
    100``), so the book, the live quiz and an export agree: Python's own
    ``round`` would give 0.12 for 1/8 where the browser shows 0.13.
    """
    hundredths = float(value) * 100
    whole = math.floor(hundredths)
    number = (whole + (hundredths - whole >= 0.5)) / 100
    return str(int(number)) if number.is_integer() else repr(number)


def ui_data() -> dict:
    """What quiz.js reads from the page (script.lq-ui): every UI text, and
    the status symbols, so the book says exactly what the live quiz says."""
    data: dict = {name: text.to_dict() for name, text in UI.items()}
    data["symbols"] = {status: symbol for status, (symbol, _words) in STATUS_LABELS.items()}
    return data
