"""What the evidence datasets say: small, pure pandas functions, each
answering one question a teacher asks and returning a DataFrame.

Every function takes the loaded dataset as its first argument, or loads it
(:func:`lessons.datasets.load`) when given None, and never changes its
input. Empty cells ("not verified") stay missing in the results: a growth
rate next to an unverified year is missing, not 0, and a vote not verified
is counted as ``not verified``, never guessed. Rows that fall after the
brief (11 September 2023) carry ``after_brief = True`` so a lesson can
label them "as of" the dataset's date (:func:`as_of`).

The questions, by dataset:

- trade: :func:`trade_by_year` (and its growth), :func:`russia_share_of_china_trade`,
  :func:`russia_beside_us`, :func:`trade_balance`;
- Security Council: :func:`classify_vetoes`, :func:`vetoes_by_period`,
  :func:`vetoes_by_subject`, :func:`partner_vote_when_alone`;
- General Assembly: :func:`unga_votes`, :func:`unga_vote_counts`;
- membership: :func:`membership_on`, :func:`member_counts_on`,
  :func:`member_counts_over_time` (disputed cases in two readings);
- exercises: :func:`exercises_per_year` (by kind or format).
"""

from __future__ import annotations

from datetime import date

from . import datasets

#: The brief's date (Bonny Lin, Foreign Policy, 11 September 2023): later rows are context after the brief.
BRIEF_DATE = date(2023, 9, 11)

#: Default periods for the vetoes: (first year, last year, label).
VETO_PERIODS = ((1992, 1999, "1992–1999"), (2000, 2009, "2000–2009"), (2010, 2019, "2010–2019"), (2020, 2024, "2020–2024"))

#: Who vetoed a draft (the values of ``vetoed_by``).
BOTH, RUSSIA_ALONE, CHINA_ALONE = "both", "russia_alone", "china_alone"
#: A veto whose other vote is not verified (empty cell): joint or alone is not known.
RUSSIA_OTHER_UNVERIFIED, CHINA_OTHER_UNVERIFIED = "russia_other_not_verified", "china_other_not_verified"
#: The count columns of the veto tables, in order.
VETO_COUNTS = (BOTH, RUSSIA_ALONE, CHINA_ALONE, "other_not_verified")
NOT_VERIFIED = "not verified"

#: Membership statuses that count as a member in the narrow reading.
MEMBER_STATUSES = ("founding member", "member")
#: Countries whose invitation one reading already counts as membership
#: (trade-membership-sources.md, "South Africa": accepted "as a full member"
#: on 23 Dec 2010 vs first summit as a member on 14 April 2011). The dates
#: come from the file's ``invited`` and ``member`` rows.
MEMBER_FROM_INVITATION = {("BRICS", "South Africa")}


def _or_load(frame, name):
    return datasets.load(name) if frame is None else frame


def as_of(name: str) -> date:
    """The "as of" date of dataset ``name`` (from its dictionary and notes)."""
    return datasets.dataset(name).as_of


def after_brief(frame, name: str | None = None):
    """A boolean Series: which rows of a loaded dataset fall after the brief
    (11 September 2023). A year counts when it ends after that day (2023's
    annual figure is after the brief); a month- or year-precision date when
    the period it covers ends after it. ``name`` picks the time column; by
    default the first of ``year``, ``date``, ``start_date`` in the frame."""
    import pandas as pd

    column = datasets.dataset(name).time_column if name else next(c for c in ("year", "date", "start_date") if c in frame)
    values = frame[column]
    if column == "year":
        return values >= BRIEF_DATE.year
    end = values.copy()
    precision = next((c for c in ("precision", "date_precision") if c in frame), None)
    if precision:
        end = end.where(frame[precision] != "month", values + pd.offsets.MonthEnd(0))
        end = end.where(frame[precision] != "year", values + pd.offsets.YearEnd(0))
    return end > pd.Timestamp(BRIEF_DATE)


# --- trade ------------------------------------------------------------------------


def trade_by_year(trade=None):
    """China–Russia goods trade per year and its growth.

    Columns: ``year``, ``total_usd_bn``, ``change_usd_bn`` and ``growth_pct``
    (against the year before; missing when that year is not in the file or
    either total is not verified: 2000→2005 is not one year's growth),
    ``after_brief``.
    """
    trade = _or_load(trade, "china-russia-trade")
    out = trade[["year", "total_usd_bn"]].copy()
    before = out.set_index("year")["total_usd_bn"].reindex(out["year"] - 1).to_numpy()
    out["change_usd_bn"] = out["total_usd_bn"] - before
    out["growth_pct"] = 100 * out["change_usd_bn"] / before
    out["after_brief"] = after_brief(out)
    return out.reset_index(drop=True)


def russia_share_of_china_trade(trade=None):
    """Russia's share of China's goods trade with the world, per year.

    Columns: ``year``, ``total_usd_bn`` (China–Russia), ``china_total_trade_usd_bn``,
    ``russia_share_pct`` (missing where either is not verified), ``after_brief``.
    """
    trade = _or_load(trade, "china-russia-trade")
    out = trade[["year", "total_usd_bn", "china_total_trade_usd_bn"]].copy()
    out["russia_share_pct"] = 100 * out["total_usd_bn"] / out["china_total_trade_usd_bn"]
    out["after_brief"] = after_brief(out)
    return out.reset_index(drop=True)


def russia_beside_us(trade=None):
    """China–Russia trade beside China–US trade (both as China records them).

    Columns: ``year``, ``china_russia_usd_bn``, ``china_us_usd_bn``,
    ``russia_as_pct_of_us`` (China–Russia as a percentage of China–US;
    missing where either is not verified), ``after_brief``.
    """
    trade = _or_load(trade, "china-russia-trade")
    out = trade[["year", "total_usd_bn", "china_us_trade_usd_bn"]].rename(
        columns={"total_usd_bn": "china_russia_usd_bn", "china_us_trade_usd_bn": "china_us_usd_bn"})
    out["russia_as_pct_of_us"] = 100 * out["china_russia_usd_bn"] / out["china_us_usd_bn"]
    out["after_brief"] = after_brief(out)
    return out.reset_index(drop=True)


def trade_balance(trade=None):
    """Which way the balance runs, seen from China, per year.

    Columns: ``year``, ``exports_usd_bn`` (China → Russia), ``imports_usd_bn``
    (Russia → China), ``balance_usd_bn`` (exports − imports), ``direction``:
    ``china surplus``, ``china deficit``, ``balanced`` or ``not verified``
    (the split is not in the file), ``after_brief``.
    """
    trade = _or_load(trade, "china-russia-trade")
    out = trade[["year", "china_exports_to_russia_usd_bn", "china_imports_from_russia_usd_bn"]].rename(
        columns={"china_exports_to_russia_usd_bn": "exports_usd_bn", "china_imports_from_russia_usd_bn": "imports_usd_bn"})
    out["balance_usd_bn"] = out["exports_usd_bn"] - out["imports_usd_bn"]
    out["direction"] = [_direction(b) for b in out["balance_usd_bn"]]
    out["after_brief"] = after_brief(out)
    return out.reset_index(drop=True)


def _direction(balance: float) -> str:
    if _missing(balance):
        return NOT_VERIFIED
    return "china surplus" if balance > 0 else "china deficit" if balance < 0 else "balanced"


# --- Security Council vetoes --------------------------------------------------------


def _vetoed_by(russia, china) -> str:
    if russia == "vetoed" and china == "vetoed":
        return BOTH
    if russia == "vetoed":
        return RUSSIA_OTHER_UNVERIFIED if _missing(china) else RUSSIA_ALONE
    return CHINA_OTHER_UNVERIFIED if _missing(russia) else CHINA_ALONE


def _missing(value) -> bool:
    return value is None or value != value  # NaN is the only value unequal to itself


def classify_vetoes(vetoes=None):
    """Every veto with who cast it.

    The vetoes' columns plus ``year``, ``vetoed_by`` (``both``,
    ``russia_alone``, ``china_alone``, or — when the other's vote is not
    verified, so joint or alone is not known — ``russia_other_not_verified``
    / ``china_other_not_verified``) and ``after_brief``.
    """
    vetoes = _or_load(vetoes, "unsc-vetoes")
    out = vetoes.copy()
    out["year"] = out["date"].dt.year
    out["vetoed_by"] = [_vetoed_by(r, c) for r, c in zip(out["russia"], out["china"])]
    out["after_brief"] = after_brief(out, "unsc-vetoes")
    return out.reset_index(drop=True)


def _count_by(frame, group: str, order: list):
    import pandas as pd

    who = frame["vetoed_by"].replace({RUSSIA_OTHER_UNVERIFIED: "other_not_verified", CHINA_OTHER_UNVERIFIED: "other_not_verified"})
    table = pd.crosstab(frame[group], who).reindex(index=order, columns=list(VETO_COUNTS), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.reset_index()


def vetoes_by_period(vetoes=None, periods=VETO_PERIODS):
    """How many vetoes per period, joint or alone.

    ``periods``: (first year, last year, label) triples, default
    :data:`VETO_PERIODS` (decades). Columns: ``period``, ``both``,
    ``russia_alone``, ``china_alone``, ``other_not_verified`` (a veto whose
    other vote is not verified: joint or alone is not known), ``total``.
    """
    classified = classify_vetoes(vetoes)
    labels = [label for _, _, label in periods]
    classified["period"] = None
    for first, last, label in periods:
        classified.loc[classified["year"].between(first, last), "period"] = label
    return _count_by(classified.dropna(subset=["period"]), "period", labels)


def vetoes_by_subject(vetoes=None):
    """How many vetoes per subject, joint or alone, most first.

    Columns: ``subject_en``, ``subject_zh``, ``both``, ``russia_alone``,
    ``china_alone``, ``other_not_verified`` (as in :func:`vetoes_by_period`),
    ``total``; ties in the order the subject first appears.
    """
    classified = classify_vetoes(vetoes)
    order = list(dict.fromkeys(classified["subject_en"]))
    table = _count_by(classified, "subject_en", order)
    zh = dict(zip(classified["subject_en"], classified["subject_zh"]))
    table.insert(1, "subject_zh", table["subject_en"].map(zh))
    return table.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)


def partner_vote_when_alone(vetoes=None):
    """How the other country voted when one vetoed alone (or its vote is not verified).

    Columns: ``vetoed``  (``russia`` or ``china``: who cast the veto),
    ``partner_vote`` (the other's vote: ``abstained``, ``yes``, ``absent``
    or ``not verified``), ``count``. Joint vetoes are left out.
    """
    import pandas as pd

    classified = classify_vetoes(vetoes)
    rows = []
    for vetoer, partner in (("russia", "china"), ("china", "russia")):
        alone = classified[(classified[vetoer] == "vetoed") & (classified[partner] != "vetoed")]
        votes = alone[partner].fillna(NOT_VERIFIED)
        for vote, count in votes.value_counts(sort=False).items():
            rows.append({"vetoed": vetoer, "partner_vote": vote, "count": int(count)})
    out = pd.DataFrame(rows, columns=["vetoed", "partner_vote", "count"])
    return out.sort_values(["vetoed", "count"], ascending=[False, False], kind="stable").reset_index(drop=True)


# --- General Assembly -----------------------------------------------------------------


def unga_votes(votes=None):
    """The General Assembly votes on Ukraine: totals and both countries' votes.

    Columns: ``date``, ``resolution``, ``title_en``, ``title_zh``, ``yes``,
    ``no``, ``abstain``, ``voting`` (yes + no + abstain; states not voting
    are not counted), ``yes_pct`` (of those voting), ``russia``, ``china``,
    ``same_vote`` (Russia and China voted alike), ``after_brief``.
    """
    votes = _or_load(votes, "unga-ukraine-votes")
    out = votes[["date", "resolution", "title_en", "title_zh", "yes", "no", "abstain", "russia", "china"]].copy()
    out.insert(7, "voting", out["yes"] + out["no"] + out["abstain"])
    out.insert(8, "yes_pct", 100 * out["yes"] / out["voting"])
    out["same_vote"] = out["russia"] == out["china"]
    out["after_brief"] = after_brief(out, "unga-ukraine-votes")
    return out.reset_index(drop=True)


def unga_vote_counts(votes=None):
    """How often each country voted each way: rows ``russia``, ``china``;
    columns ``country``, ``yes``, ``no``, ``abstained``, ``absent``."""
    import pandas as pd

    votes = _or_load(votes, "unga-ukraine-votes")
    codes = list(datasets.dataset("unga-ukraine-votes").column("china").allowed)
    rows = [{"country": c, **{code: int((votes[c] == code).sum()) for code in codes}} for c in ("russia", "china")]
    return pd.DataFrame(rows, columns=["country", *codes])


# --- membership -------------------------------------------------------------------------


def membership_on(when, blocs=None, organisation: str | None = None):
    """Each country's status in each organisation on date ``when``.

    Status on a date = the country's latest row on or before it (a month-
    or year-precision date counts from its first day: read
    ``since_precision``). Columns: ``organisation``, ``country_en``,
    ``country_zh``, ``status``, ``since``, ``since_precision``,
    ``member_narrow`` and ``member_broad`` (two readings; they differ only
    for a disputed case), ``disputed`` (the readings differ), ``notes`` and
    ``notes_zh`` (the same note in Traditional Chinese).

    Disputed cases, never silently resolved: Saudi Arabia in BRICS from
    1 January 2024 (status ``disputed``: narrow no, broad yes), and South
    Africa between its acceptance (23 December 2010) and its first summit
    (14 April 2011): narrow no, broad yes.
    """
    import pandas as pd

    blocs = _or_load(blocs, "bloc-membership")
    day = pd.Timestamp(when)
    known = blocs[blocs["date"] <= day]
    if organisation is not None:
        known = known[known["organisation"] == organisation]
    latest = known.sort_values("date", kind="stable").groupby(["organisation", "country_en"], sort=False).tail(1)
    out = latest[["organisation", "country_en", "country_zh", "status", "date", "precision", "notes", "notes_zh"]].rename(
        columns={"date": "since", "precision": "since_precision"})
    narrow = out["status"].isin(MEMBER_STATUSES)
    invited_member = [
        (org, country) in MEMBER_FROM_INVITATION and status == "invited"
        for org, country, status in zip(out["organisation"], out["country_en"], out["status"])
    ]
    out["member_narrow"] = narrow
    out["member_broad"] = narrow | (out["status"] == "disputed") | pd.Series(invited_member, index=out.index)
    out["disputed"] = out["member_narrow"] != out["member_broad"]
    columns = ["organisation", "country_en", "country_zh", "status", "since", "since_precision",
               "member_narrow", "member_broad", "disputed", "notes", "notes_zh"]
    return out[columns].sort_values(["organisation", "since", "country_en"], kind="stable").reset_index(drop=True)


def member_counts_on(when, blocs=None):
    """How many members each organisation had on ``when``, in both readings.

    Columns: ``organisation``, ``members_narrow``, ``members_broad``,
    ``disputed`` (the countries counted only in the broad reading, joined
    with ", "; empty string when none), and one column per other status
    (``observer``, ``dialogue partner``, ``invited``, ``partner country``,
    ``declined``) counting countries in it on that date.
    """
    import pandas as pd

    status = membership_on(when, blocs)
    others = ["observer", "dialogue partner", "invited", "partner country", "declined"]
    rows = []
    for org, group in status.groupby("organisation", sort=False):
        row = {
            "organisation": org,
            "members_narrow": int(group["member_narrow"].sum()),
            "members_broad": int(group["member_broad"].sum()),
            "disputed": ", ".join(group.loc[group["disputed"], "country_en"]),
        }
        row.update({s: int(((group["status"] == s) & ~group["disputed"]).sum()) for s in others})
        rows.append(row)
    return pd.DataFrame(rows, columns=["organisation", "members_narrow", "members_broad", "disputed", *others])


def member_counts_over_time(blocs=None, organisation: str | None = None):
    """Members per organisation after each date on which membership changed.

    Columns: ``date`` (a date in the file), ``organisation``,
    ``members_narrow``, ``members_broad``, ``after_brief``: one row per
    organisation and date on which one of its rows starts.
    """
    import pandas as pd

    blocs = _or_load(blocs, "bloc-membership")
    rows = []
    for (org, day), _ in blocs.groupby(["organisation", "date"], sort=True):
        if organisation is not None and org != organisation:
            continue
        counts = member_counts_on(day, blocs)
        mine = counts[counts["organisation"] == org].iloc[0]
        rows.append({"date": day, "organisation": org,
                     "members_narrow": int(mine["members_narrow"]), "members_broad": int(mine["members_broad"])})
    out = pd.DataFrame(rows, columns=["date", "organisation", "members_narrow", "members_broad"])
    out["after_brief"] = out["date"] > pd.Timestamp(BRIEF_DATE)
    return out.sort_values(["date", "organisation"], kind="stable").reset_index(drop=True)


# --- exercises ---------------------------------------------------------------------------


def exercises_per_year(exercises=None, by: str = "kind"):
    """How many exercises and patrols in the file started each year, by
    ``kind`` (land, naval, air, strategic) or ``format`` (bilateral, SCO,
    multilateral).

    Columns: ``year`` (every year from the first to the last in the file,
    so a year with none shows 0 — of rows in this file, which is not
    complete), one column per value of ``by`` in the dictionary's order,
    ``total``, ``after_brief`` (the year ends after the brief).
    """
    import pandas as pd

    if by not in ("kind", "format"):
        raise ValueError(f"by={by!r}: count by 'kind' or 'format'")
    exercises = _or_load(exercises, "china-russia-exercises")
    values = list(datasets.dataset("china-russia-exercises").column(by).allowed)
    years = exercises["start_date"].dt.year
    table = pd.crosstab(years, exercises[by]).reindex(columns=values, fill_value=0)
    table = table.reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0)
    table.index.name, table.columns.name = "year", None
    table["total"] = table.sum(axis=1)
    out = table.reset_index()
    out["after_brief"] = out["year"] >= BRIEF_DATE.year
    return out
