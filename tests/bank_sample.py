"""A good quiz bank with one question of each type (lesson-9), written as an
author writes one: the bank loader's and the command line's tests start
from it and break one thing at a time."""

from __future__ import annotations

import textwrap

HEADER = """\
lesson: lesson-9
title: {zh: 測試, en: Test}
questions:
"""
#: The objectives every test bank declares; added at the end, so the line
#: numbers the tests expect stay those of the questions.
OBJECTIVES = """\
objectives:
  - {id: o, text: {zh: 說明起源, en: Explain the origins}}
  - {id: weigh, text: {zh: 權衡證據, en: Weigh the evidence}}
"""

GOOD_BANK = HEADER + textwrap.indent(
    textwrap.dedent(
        """\
        - id: pick-one
          type: single
          level: recall
          objective: o
          section: l9-test
          prompt: {zh: 哪一年？, en: 'Which year?'}
          options:
            - text: {zh: "1989", en: "1989"}
              correct: true
              feedback: {zh: 對, en: Right}
            - text: {zh: "1991", en: "1991"}
          hints: [{zh: 想想天安門, en: Think of Tiananmen}]
          explanation: {zh: 說明, en: Why}
        - id: pick-some
          type: multiple
          level: analyse
          objective: o
          section: l9-test
          prompt: {zh: 選出, en: Pick}
          options:
            - {text: {zh: 甲, en: A}, correct: true}
            - {text: {zh: 乙, en: B}}
            - {text: {zh: 丙, en: C}, correct: true}
          explanation: {zh: 說明, en: Why}
        - id: yes-no
          type: truefalse
          level: understand
          objective: o
          section: l9-test
          prompt: {zh: 對嗎？, en: 'True?'}
          answer: false
          explanation: {zh: 說明, en: Why}
        - id: the-year
          type: numeric
          level: apply
          objective: weigh
          section: l9-test
          prompt: {zh: 哪一年？, en: 'Which year?'}
          answer: 1991
          tolerance: 0
          unit: {zh: 年, en: year}
          explanation: {zh: 說明, en: Why}
        - id: in-order
          type: ordering
          level: recall
          objective: weigh
          section: l9-test
          prompt: {zh: 排序, en: Order}
          items:
            - {zh: 一, en: one}
            - {zh: 二, en: two}
            - {zh: 三, en: three}
          explanation: {zh: 說明, en: Why}
        - id: pairs
          type: matching
          level: analyse
          objective: o
          section: l9-test
          prompt: {zh: 配對, en: Match}
          pairs:
            - {term: {zh: 金磚國家, en: BRICS}, match: {zh: 巴西等, en: Brazil and others}}
            - {term: {zh: 上合組織, en: SCO}, match: {zh: 上海, en: Shanghai}}
          explanation: {zh: 說明, en: Why}
        - id: name-it
          type: text
          level: understand
          objective: weigh
          section: l9-test
          prompt: {zh: 名稱？, en: 'Name?'}
          accept: {zh: [上合組織], en: [SCO]}
          explanation: {zh: 說明, en: Why}
        - id: sort-claims
          type: classify
          level: analyse
          objective: weigh
          section: l9-test
          prompt: {zh: 分類, en: Classify}
          categories: [{zh: 簡報所言, en: The brief says it}, {zh: 推論, en: An inference}]
          statements:
            - {text: {zh: 甲, en: A}, category: 0}
            - {text: {zh: 乙, en: B}, category: 1, feedback: {zh: 這是推論, en: An inference}}
            - {text: {zh: 丙, en: C}, category: 0}
          explanation: {zh: 說明, en: Why}
        - id: explain-it
          type: open
          level: evaluate
          objective: weigh
          section: l9-test
          prompt: {zh: 說明, en: Explain}
          model_answer: {zh: 參考答案, en: A model answer}
          rubric: [{zh: 標準一, en: One}, {zh: 標準二, en: Two}, {zh: 標準三, en: Three}]
          explanation: {zh: 說明, en: Why}
        - id: pick-again
          type: single
          level: recall
          objective: o
          section: l9-test
          prompt: {zh: 哪一個？, en: 'Which one?'}
          options:
            - {text: {zh: 甲, en: A}, correct: true}
            - {text: {zh: 乙, en: B}}
          explanation: {zh: 說明, en: Why}
        """
    ),
    "  ",
) + OBJECTIVES
