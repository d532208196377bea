"""The data dictionary of each evidence dataset in ``book/data/``.

Each allowed value has one short label per language, used everywhere a code
is shown (the data page, the charts, the tables, the explorers' filters);
what a code means in more words goes in its column's description.

One :class:`~lessons.datasets.columns.Dataset` per file: what a row is, the
scope and "as of" date, and every column (kind, unit, allowed values, whether
it may be empty). The meanings, scopes and dates come from the notes beside
the files (``un-votes-sources.md``, ``trade-membership-sources.md``); change
a dictionary only together with its notes. Rules across a row's cells (a
veto needs a vetoing country; exports + imports = total) are here too.
"""

from __future__ import annotations

from datetime import date

from ..bilingual import Text
from .columns import Column, Dataset

T = Text

# --- shared columns and values -------------------------------------------------

SOURCE = Column("source", "urls", T("讀過的網頁網址，以「 ; 」分隔；不引用維基百科的鏡像或轉載網站",
                                    "web addresses of the pages read, separated by ' ; '; never a Wikipedia mirror or copy site"))
NOTES = Column("notes", "text", T("誰報導了數字、進位、推算與分歧（英文）", "who reported it, rounding, derivations, disagreements"), may_be_empty=True)
#: The notes in Traditional Chinese (Taiwan usage): filled exactly where ``notes`` is.
NOTES_ZH = Column("notes_zh", "text-zh", T("notes 的中文（正體，台灣用語）；notes 空白時也空白", "the notes in Traditional Chinese (Taiwan usage); empty where notes is"),
                  may_be_empty=True)

#: Security Council votes (un-votes-sources.md: "Codes in Chinese").
SC_VOTES = {
    "vetoed": T("否決", "vetoed"), "yes": T("贊成", "yes"),
    "abstained": T("棄權", "abstained"), "absent": T("缺席", "absent"),
}
GA_VOTES = {
    "yes": T("贊成", "yes"), "no": T("反對", "no"),
    "abstained": T("棄權", "abstained"), "absent": T("缺席", "absent"),
}
PERMANENT_WEST = {"US": T("美國", "United States"), "UK": T("英國", "United Kingdom"), "France": T("法國", "France")}
PRECISIONS = {"day": T("日", "day"), "month": T("月", "month"), "year": T("年", "year")}
US_BN = T("十億美元", "US$ bn")
STATES = T("國家", "states")


def _sc_vote(country: Text) -> Column:
    return Column(
        country.en.lower(), "choice",
        T(f"{country.zh}的投票；空白＝未查證", f"{country.en}'s vote; empty = not verified"),
        allowed=SC_VOTES, may_be_empty=True,
    )


def _ga_vote(country: Text) -> Column:
    return Column(country.en.lower(), "choice", T(f"{country.zh}的投票", f"{country.en}'s vote"), allowed=GA_VOTES)


def _amount(name: str, zh: str, en: str) -> Column:
    return Column(name, "amount", T(f"{zh}；空白＝未查證", f"{en}; empty = not verified"), unit=US_BN, may_be_empty=True)


# --- rules across a row -----------------------------------------------------------


def _notes_in_both_languages(row: dict) -> list[tuple[str, str]]:
    """Readers in 中文 mode see notes_zh: a note without its translation (or the reverse) is a gap."""
    if bool(row.get("notes")) == bool(row.get("notes_zh")):
        return []
    if row.get("notes"):
        return [("notes_zh", "is empty but notes is not — translate the note into Traditional Chinese (Taiwan usage)")]
    return [("notes", "is empty but notes_zh is not — write the English note too, or empty notes_zh")]


def _someone_vetoed(row: dict) -> list[tuple[str, str]]:
    if "vetoed" in (row.get("russia"), row.get("china")):
        return []
    return [("russia", "neither russia nor china is 'vetoed' — correct the votes, or remove the row (this file holds only drafts vetoed by Russia or China)")]


def _fits_the_assembly(row: dict) -> list[tuple[str, str]]:
    votes = [row.get(c) for c in ("yes", "no", "abstain")]
    if None not in votes and sum(votes) > 193:
        return [("yes", f"yes + no + abstain = {sum(votes)}, more than the 193 UN member states — check the three totals")]
    return []


def _parts_add_up(row: dict) -> list[tuple[str, str]]:
    """Exports + imports = total to within rounding (the notes: largest gap 0.03)."""
    total, exports, imports = (row.get(c) for c in (
        "total_usd_bn", "china_exports_to_russia_usd_bn", "china_imports_from_russia_usd_bn"))
    if None in (total, exports, imports) or abs(exports + imports - total) <= 0.1:
        return []
    return [("total_usd_bn", f"exports {exports} + imports {imports} = {exports + imports:.3f}, but the total is {total} — "
             "the three must agree to within rounding (0.1): check them against the source")]


def _part_of_china_total(row: dict) -> list[tuple[str, str]]:
    part, whole = row.get("total_usd_bn"), row.get("china_total_trade_usd_bn")
    if None in (part, whole) or part <= whole:
        return []
    return [("china_total_trade_usd_bn", f"{whole} is smaller than China–Russia trade ({part}) — both are US$ bn: check the units")]


def _ends_after_start(row: dict) -> list[tuple[str, str]]:
    start, end = row.get("start_date"), row.get("end_date")
    if None in (start, end) or end >= start:
        return []
    return [("end_date", f"{end} is before start_date {start} — correct one of the dates")]


def _china_and_russia_take_part(row: dict) -> list[tuple[str, str]]:
    named = row.get("participants") or ""
    if "China" in named and "Russia" in named:
        return []
    return [("participants", f"{named!r} does not name both China and Russia — this file holds only exercises both took part in")]


# --- the five datasets ------------------------------------------------------------

UNSC_VETOES = Dataset(
    name="unsc-vetoes",
    file="unsc-vetoes.csv",
    title=T("安理會否決案（中國或俄羅斯），1992–2024", "UN Security Council vetoes by China or Russia, 1992–2024"),
    row=T("一份被俄羅斯和／或中國否決的安理會決議草案，及另一國的投票", "one Security Council draft vetoed by Russia and/or China, and how the other voted"),
    scope=T("1992年1月1日至2024年12月31日間，因俄羅斯或中國（或兩者）投反對票而未通過的每一份草案。",
            "Every draft put to a vote between 1 January 1992 and 31 December 2024 that failed because Russia or China (or both) voted no."),
    notes="un-votes-sources.md",
    as_of=date(2024, 12, 31),
    as_of_text=T("截至2024年12月31日", "as of 31 December 2024"),
    period=(date(1992, 1, 1), date(2024, 12, 31)),
    columns=(
        Column("date", "date", T("表決日期（紐約時間）", "date of the vote, New York time")),
        Column("draft", "code", T("被否決草案的聯合國文件編號；空白＝編號未查證", "UN symbol of the vetoed draft; empty = symbol not verified"),
               may_be_empty=True, pattern=r"S/\d{4,5}|S/\d{4}/\d{1,4}", example="S/2022/155"),
        Column("subject_en", "text-en", T("議題（英文，國家層級，便於分組）", "short topic, country-level so it can be grouped (e.g. all Syria drafts = Syria)")),
        Column("subject_zh", "text-zh", T("議題（正體中文，台灣用語）", "the same in Traditional Chinese, Taiwan usage")),
        _sc_vote(T("俄羅斯", "Russia")),
        _sc_vote(T("中國", "China")),
        Column("others_vetoing", "choices", T("同樣投反對票的其他常任理事國；本檔每列皆空白", "other permanent members that also voted no; empty in every row of this file"),
               allowed=PERMANENT_WEST, may_be_empty=True),
        SOURCE,
    ),
    key=("date", "subject_en"),
    unique=(("draft",),),
    time_column="date",
    row_rules=(_someone_vetoed,),
)

UNGA_UKRAINE_VOTES = Dataset(
    name="unga-ukraine-votes",
    file="unga-ukraine-votes.csv",
    title=T("聯合國大會關於烏克蘭的表決（2014、2022–2023）", "UN General Assembly votes on Ukraine (2014, 2022–2023)"),
    row=T("一項大會決議：表決總數及中俄兩國的投票", "one General Assembly resolution: the recorded totals and both countries' votes"),
    scope=T("第68/262號決議（2014年3月27日）與第十一屆緊急特別會議的六項決議 ES-11/1 至 ES-11/6（2022–2023）。",
            "Resolution 68/262 (27 March 2014) and the six resolutions of the 11th emergency special session, ES-11/1 to ES-11/6 (2022–2023)."),
    notes="un-votes-sources.md",
    as_of=date(2023, 2, 23),
    as_of_text=T("七項決議的固定清單，最後一項為2023年2月23日", "a closed list of seven resolutions, the last of 23 February 2023"),
    period=(date(2014, 1, 1), date(2023, 2, 23)),
    columns=(
        Column("date", "date", T("通過日期（紐約）", "date adopted (New York)")),
        Column("resolution", "code", T("決議編號（正式文號＝A/RES/＋此編號）", "resolution number (official symbol = A/RES/ + this)"),
               pattern=r"(?:ES-\d+|\d+)/\d+", example="ES-11/1"),
        Column("title_en", "text-en", T("正式英文標題", "official English title")),
        Column("title_zh", "text-zh", T("中文標題（正體，台灣用語）", "Chinese title, Traditional characters, Taiwan usage")),
        Column("yes", "count", T("贊成票數", "votes in favour"), unit=STATES),
        Column("no", "count", T("反對票數", "votes against"), unit=STATES),
        Column("abstain", "count", T("棄權票數（未投票的國家不計）", "abstentions (states not voting are not counted)"), unit=STATES),
        _ga_vote(T("俄羅斯", "Russia")),
        _ga_vote(T("中國", "China")),
        SOURCE,
    ),
    key=("resolution",),
    time_column="date",
    row_rules=(_fits_the_assembly,),
)

CHINA_RUSSIA_TRADE = Dataset(
    name="china-russia-trade",
    file="china-russia-trade.csv",
    title=T("中俄貨物貿易（中國海關），按年", "China–Russia goods trade per year (China's customs)"),
    row=T("一個日曆年的中俄貨物貿易，依中國海關總署的數字", "one calendar year of China–Russia goods trade, as China's customs (GAC) reported it"),
    scope=T("2000、2005、2008、2010、2012–2024年；十億美元、當年價格，中國一方的帳（出口 FOB、進口 CIF）。只用中國的數列，不混入俄方數字。",
            "Years 2000, 2005, 2008, 2010, 2012–2024; US$ billion, current prices, China's side of the ledger (exports FOB, imports CIF). China's series only: do not mix in Russian figures."),
    notes="trade-membership-sources.md",
    as_of=date(2025, 1, 13),
    as_of_text=T("至2024年（中國海關2025年1月13日公布的全年數字）", "to 2024 (China's customs' full-year figures of 13 January 2025)"),
    period=(date(1992, 1, 1), date(2024, 12, 31)),
    columns=(
        Column("year", "year", T("日曆年", "calendar year")),
        _amount("total_usd_bn", "中俄貨物貿易總額（中國對俄出口＋自俄進口）", "China–Russia total goods trade (China's exports to Russia + imports from Russia)"),
        _amount("china_exports_to_russia_usd_bn", "中國對俄出口", "China's exports to Russia"),
        _amount("china_imports_from_russia_usd_bn", "中國自俄進口（＝中國記錄的俄對中出口）", "China's imports from Russia (= Russia's exports to China as recorded by China)"),
        _amount("china_total_trade_usd_bn", "中國對全世界的貨物貿易總額（用於計算俄羅斯的占比）", "China's total goods trade with the world (for Russia's share)"),
        _amount("china_us_trade_usd_bn", "中國記錄的中美貨物貿易（用於比較）", "China–US goods trade as recorded by China (for comparison)"),
        SOURCE,
        NOTES,
        NOTES_ZH,
    ),
    key=("year",),
    time_column="year",
    row_rules=(_parts_add_up, _part_of_china_total, _notes_in_both_languages),
)

BLOC_MEMBERSHIP = Dataset(
    name="bloc-membership",
    file="bloc-membership.csv",
    title=T("上海五國、上海合作組織與金磚國家的成員變動", "Shanghai Five, SCO and BRICS membership changes"),
    row=T("一個國家在一個組織中的一次身分變動", "one status change of one country in one organisation"),
    scope=T("上海五國（1996）、上海合作組織（2001–2024）與金磚國家（2009–2025年1月）。上合組織只收錄後來成為成員國者的觀察員／對話夥伴階段。",
            "The Shanghai Five (1996), the SCO (2001–2024) and BRIC/BRICS (2009–January 2025). For the SCO, observer and dialogue-partner steps only of countries that later became members."),
    notes="trade-membership-sources.md",
    as_of=date(2025, 1, 6),
    as_of_text=T("截至2025年1月6日", "as of 6 January 2025"),
    period=(date(1996, 1, 1), date(2025, 1, 6)),
    columns=(
        Column("organisation", "choice", T("組織（2009–2010年的金磚國家列指 BRIC）", "organisation (BRICS rows for 2009–2010 refer to BRIC)"),
               allowed={"Shanghai Five": T("上海五國", "Shanghai Five"), "SCO": T("上海合作組織", "SCO"), "BRICS": T("金磚國家", "BRICS")}),
        Column("country_en", "text-en", T("國名（英文）", "country name (English)")),
        Column("country_zh", "text-zh", T("國名（正體中文，台灣用語）", "country name (Traditional Chinese, Taiwan usage)")),
        Column("status", "choice", T("自該日期起的身分；婉拒＝拒絕邀請；有爭議＝有人宣稱是成員，該國未確認",
                                     "the status from that date; declined = invitation refused; "
                                     "disputed = membership claimed by some, not confirmed by the country"), allowed={
            "founding member": T("創始成員國", "founding member"), "member": T("成員國", "member"),
            "observer": T("觀察員國", "observer"), "dialogue partner": T("對話夥伴", "dialogue partner"),
            "invited": T("受邀", "invited"), "partner country": T("夥伴國", "partner country"),
            "declined": T("婉拒", "declined"), "disputed": T("有爭議", "disputed"),
        }),
        Column("date", "partial-date", T("日期；日或月未查證時寫 YYYY-MM 或 YYYY", "date; YYYY-MM or YYYY where the day or month is not verified"),
               precision_column="precision"),
        Column("precision", "choice", T("日期的精確度", "how precise the date is"), allowed=PRECISIONS),
        Column("event", "text-en", T("發生了什麼（英文）", "what happened (English)")),
        SOURCE,
        Column("notes", "text", T("分歧與背景（英文）", "disagreements and context"), may_be_empty=True),
        NOTES_ZH,
    ),
    key=("organisation", "country_en", "date"),
    time_column="date",
    row_rules=(_notes_in_both_languages,),
)

CHINA_RUSSIA_EXERCISES = Dataset(
    name="china-russia-exercises",
    file="china-russia-exercises.csv",
    title=T("中俄聯合演習與巡航，2005–2024", "China–Russia joint exercises and patrols, 2005–2024"),
    row=T("一次中俄兩軍都參加的聯合演習或聯合巡航", "one joint exercise or patrol in which both China's and Russia's armed forces took part"),
    scope=T("2005–2024年：雙邊演習、上合組織「和平使命」、解放軍參加的俄羅斯戰略演習、中伊俄海上演習，以及聯合空中與海上巡航。只收錄日期與地點已查證者，並不完整。",
            "2005–2024: bilateral exercises, SCO Peace Missions, Russian strategic exercises with PLA participation, China–Iran–Russia naval drills, joint air and naval patrols. Only rows whose date and place were verified; not complete."),
    notes="trade-membership-sources.md",
    as_of=date(2024, 12, 31),
    as_of_text=T("至2024年12月31日（不完整）", "to 31 December 2024 (not complete)"),
    period=(date(2005, 1, 1), date(2024, 12, 31)),
    columns=(
        Column("start_date", "partial-date", T("第一天；只查證到月份時寫 YYYY-MM", "first day; YYYY-MM when only the month is verified"),
               precision_column="date_precision"),
        Column("name_en", "text-en", T("報導中的英文名稱", "English name as reported")),
        Column("name_zh", "text-zh", T("中文名稱（正體）；空白＝未查證", "Chinese name (Traditional characters); empty = not verified"), may_be_empty=True),
        Column("kind", "choice", T("主要領域；戰略＝大型指揮參謀演習", "main domain; strategic = a large command-staff exercise"), allowed={
            "land": T("陸上", "land"), "naval": T("海上", "naval"), "air": T("空中", "air"), "strategic": T("戰略", "strategic"),
        }),
        Column("format", "choice", T("框架：雙邊＝只有中俄；上合組織＝上海合作組織演習；多邊＝其他多國",
                                     "framework: bilateral = China and Russia only; SCO = an SCO exercise; "
                                     "multilateral = other multi-country"), allowed={
            "bilateral": T("雙邊", "bilateral"), "SCO": T("上合組織", "SCO"), "multilateral": T("多邊", "multilateral"),
        }),
        Column("location", "text-en", T("地點（英文）", "where (English)")),
        SOURCE,
        Column("end_date", "date", T("最後一天；空白＝未查證", "last day; empty = not verified"), may_be_empty=True),
        Column("date_precision", "choice", T("start_date 的精確度", "how precise start_date is"),
               allowed={"day": PRECISIONS["day"], "month": PRECISIONS["month"]}),
        Column("participants", "text-en", T("報導中的參加國", "countries taking part, as reported")),
        Column("notes", "text", T("首次、規模、分歧（英文）", "firsts, sizes, disagreements"), may_be_empty=True),
        NOTES_ZH,
    ),
    key=("start_date", "name_en"),
    time_column="start_date",
    row_rules=(_ends_after_start, _china_and_russia_take_part, _notes_in_both_languages),
)

#: Every dataset by name, in the order the data page shows them.
DATASETS = {d.name: d for d in (UNSC_VETOES, UNGA_UKRAINE_VOTES, CHINA_RUSSIA_TRADE, BLOC_MEMBERSHIP, CHINA_RUSSIA_EXERCISES)}
