"""A small quiz bank with one question of every type (classify and open
last), plus an XSS probe,
shared by the quiz tests (HTML form, live widget, browser).

The questions follow the brief (Bonny Lin, Foreign Policy, 11 Sep 2023);
dates are those in events-sources.md.
"""

from __future__ import annotations

from pathlib import Path

LESSON = "lesson-sample"

BANK_YAML = """\
lesson: lesson-sample
title: {zh: 前所未有的緊密關係, en: Closer than ever}
objectives:
  - {id: origins, text: {zh: 說明中俄關係的起源, en: Explain where the relationship comes from}}
  - {id: weigh, text: {zh: 區分簡報所言與推論, en: Tell what the brief says from what is inferred}}
questions:
  - id: closer-since
    type: single
    level: recall
    objective: origins
    section: l1-origins
    prompt: {zh: 依照這篇簡報，中俄兩國從什麼時候開始日益密切？, en: "According to the brief, since when have China and Russia grown closer?"}
    options:
      - text: {zh: 蘇聯解體與天安門事件後西方制裁中國以來, en: Since the collapse of the Soviet Union and Western sanctions on China after Tiananmen}
        correct: true
        feedback: {zh: 對，簡報從這兩件事說起。, en: "Yes: the brief starts from these two events."}
      - text: {zh: 2022 年以來, en: Since 2022}
        feedback: {zh: 2022 年只是讓關係更緊密的近期挑戰之一。, en: 2022 is one of the recent challenges that pushed them closer.}
      - text: {zh: 金磚國家成立以來, en: Since BRICS was founded}
    hints:
      - {zh: 想想簡報第一段提到的兩件事。, en: Think of the two events in the brief's first bullet.}
    explanation: {zh: 簡報說自從蘇聯解體以及天安門事件後西方制裁中國以來，兩國往來日益密切。, en: The brief says they grew closer since the collapse of the Soviet Union and Western sanctions on China over Tiananmen.}
  - id: bilateral-ties
    type: multiple
    level: recall
    objective: origins
    section: l1-military
    prompt: {zh: 簡報提到中俄雙邊關係的哪些方面？, en: "Which bilateral ties does the brief name?"}
    options:
      - text: {zh: 軍火銷售, en: Arms sales}
        correct: true
      - text: {zh: 共同演習, en: Joint drills}
        correct: true
      - text: {zh: 共同貨幣, en: A shared currency}
        feedback: {zh: 簡報沒有提到共同貨幣。, en: The brief says nothing of a shared currency.}
    explanation: {zh: 簡報提到軍火銷售、頻繁的共同演習與深刻的貿易關係。, en: "The brief names arms sales, frequent drills and profound trade ties."}
  - id: no-alliance
    type: truefalse
    level: recall
    objective: origins
    section: l1-multilateral
    prompt: {zh: 依照簡報，中俄願意與任何大國結盟。, en: "According to the brief, China and Russia are keen to align with any great power."}
    answer: false
    explanation: {zh: 簡報說中俄不願意與任何大國結盟。, en: "The brief notes their reluctance to align with any great powers."}
  - id: soviet-collapse-year
    type: numeric
    level: recall
    objective: origins
    section: l1-origins
    prompt: {zh: 蘇聯在哪一年解體？, en: "In which year was the Soviet Union dissolved?"}
    answer: 1991
    tolerance: 0
    unit: {zh: 年, en: (year)}
    explanation: {zh: 蘇聯於 1991 年 12 月 26 日正式解體。, en: The Soviet Union was formally dissolved on 26 December 1991.}
  - id: anchor-years
    type: ordering
    level: analyse
    objective: origins
    section: l1-origins
    prompt: {zh: 請依時間先後排列。, en: Put these in time order.}
    items:
      - {zh: 天安門事件後西方制裁中國, en: Western sanctions on China after Tiananmen}
      - {zh: 蘇聯解體, en: Collapse of the Soviet Union}
      - {zh: 俄羅斯兼併克里米亞, en: Russia annexes Crimea}
      - {zh: 俄羅斯全面入侵烏克蘭, en: "Russia's full-scale invasion of Ukraine"}
    hints:
      - {zh: 簡報提到 1989、1991、2014 與 2022 年。, en: "The brief names 1989, 1991, 2014 and 2022."}
    explanation: {zh: 1989、1991、2014、2022。, en: "1989, 1991, 2014, 2022."}
  - id: ties-matched
    type: matching
    level: analyse
    objective: origins
    section: l1-military
    prompt: {zh: 將每一方面與簡報的描述配對。, en: "Match each area to what the brief says about it."}
    pairs:
      - {term: {zh: 軍事, en: Military}, match: {zh: 軍火銷售與頻繁的共同演習, en: Arms sales and frequent drills}}
      - {term: {zh: 多邊組織, en: Multilateral organisations}, match: {zh: 相互支持，甚至成立非西方組織, en: Advocating for each other and founding non-Western organisations}}
      - {term: {zh: 共同的威脅感知, en: Shared threat perceptions}, match: {zh: 擔心顏色革命與西方軍事勢力擴張, en: Fear of colour revolution and Western military expansion}}
    explanation: {zh: 簡報分別這樣描述軍事、多邊組織與威脅感知。, en: "That is how the brief describes military ties, multilateral organisations and threat perceptions."}
  - id: hegemony
    type: text
    level: recall
    objective: origins
    section: l1-multilateral
    prompt: {zh: 對習近平和普丁來說，贏得哪些國家的支持是對抗美國霸權的關鍵？, en: "For Xi and Putin, winning the support of which countries is key to countering US hegemony?"}
    accept: {zh: [發展中國家], en: [developing countries, the developing countries]}
    explanation: {zh: 簡報說，對習近平和普丁來說，贏得發展中國家的支持是對抗美國霸權之關鍵。, en: "The brief: for Xi and Putin, winning support among developing countries is critical to countering US hegemony."}
  - id: xss-probe
    type: single
    level: recall
    objective: origins
    section: l1-origins
    prompt: {zh: "<script>window.__xss = 1</script>探針", en: "<img src=x onerror=\\"alert('xss')\\"> probe"}
    options:
      - text: {zh: "</script><script>window.__xss = 3</script>", en: "<!-- <script>window.__xss = 4</script>"}
        correct: true
        feedback: {zh: "<b onmouseover=alert(5)>粗體</b>", en: "<svg onload=alert(6)>"}
      - text: {zh: "&amp; 與 &lt;", en: "\\" onfocus=\\"alert(7)"}
    hints:
      - {zh: "<iframe src=javascript:alert(8)>", en: "<a href=javascript:alert(9)>link</a>"}
    explanation: {zh: "<style>body{display:none}</style>", en: "<img src=x onerror=alert(10)>"}
  - id: said-or-inferred
    type: classify
    level: analyse
    objective: weigh
    section: l1-origins
    prompt: {zh: 這些說法是簡報所言，還是推論？, en: "Does the brief say it, or is it an inference?"}
    categories:
      - {zh: 簡報所言, en: The brief says it}
      - {zh: 推論, en: An inference}
    statements:
      - text: {zh: 中俄兩國不願意與任何大國結盟。, en: China and Russia are reluctant to align with any great power.}
        category: 0
      - text: {zh: 兩國的關係將永遠緊密。, en: The two will always stay close.}
        category: 1
        feedback: {zh: 簡報沒有這樣預測。, en: The brief makes no such forecast.}
      - text: {zh: 兩國擔心顏色革命。, en: Both fear colour revolution.}
        category: 0
    explanation: {zh: 簡報說兩國不願結盟、擔心顏色革命；它沒有預測未來。, en: "The brief notes their reluctance to align and their fear of colour revolution; it makes no forecast."}
  - id: why-closer
    type: open
    level: evaluate
    objective: weigh
    section: l1-origins
    prompt: {zh: 用兩三句話說明中俄為何日益密切。, en: "In two or three sentences, explain why China and Russia grew closer."}
    model_answer: {zh: 蘇聯解體與天安門事件後西方制裁中國，使兩國轉向彼此；共同的威脅感知讓關係更緊密。, en: "After the Soviet collapse and Western sanctions on China over Tiananmen, both turned to each other; shared threat perceptions drew them closer."}
    rubric:
      - {zh: 提到蘇聯解體, en: Names the Soviet collapse}
      - {zh: 提到西方制裁, en: Names Western sanctions}
      - {zh: 提到共同的威脅感知, en: Names shared threat perceptions}
    explanation: {zh: 簡報從這兩件事說起。, en: The brief starts from these two events.}
"""


def write_bank(folder: Path, text: str = BANK_YAML) -> Path:
    """The sample bank as ``<folder>/lesson-sample.yml``; returns its path."""
    path = Path(folder) / f"{LESSON}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path, text: str = BANK_YAML):
    from lessons.quizbank import load_bank

    return load_bank(write_bank(folder, text))


# ---- answering the live quiz's widgets as a student does -------------------


def shown(widget) -> bool:
    return widget.layout.display != "none"


def answer_correctly(v):
    """Set the right answer on one question's widgets."""
    q = v.question
    if q.type == "single":
        v.controls[0].value = next(i for i, o in enumerate(q.options) if o.correct)
    elif q.type == "multiple":
        for option, box in zip(q.options, v.controls):
            box.value = option.correct
    elif q.type == "truefalse":
        v.controls[0].value = q.answer
    elif q.type == "numeric":
        v.controls[0].value = "１９９１"  # full-width digits, as an IME types them
    elif q.type == "ordering":
        for item, dropdown in zip(v.item_order, v.controls):
            dropdown.value = item + 1
    elif q.type == "matching":
        for term, dropdown in enumerate(v.controls):
            dropdown.value = term
    elif q.type == "text":
        v.controls[0].value = "  Developing Countries! "
    elif q.type == "classify":
        for statement, dropdown in zip(q.statements, v.controls):
            dropdown.value = statement.category
    elif q.type == "open":
        v.controls[0].value = "兩國在蘇聯解體後轉向彼此。"


def self_assess(v, met=(0, 2)):
    """An open question: the first Check shows the model answer and the
    criteria; tick ``met``; the caller's second Check saves it."""
    v.check_button.click()
    assert "Model answer" in v.controls[1].value and shown(v.controls[1]), "the model answer appears after writing"
    for number in met:
        v.controls[2 + number].value = True
