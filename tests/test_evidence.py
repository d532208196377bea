"""What the evidence datasets say: ``lessons.evidence`` against figures
computed by hand from the files in ``book/data/``.

Mirrors ``src/lessons/evidence.py``. Each expected number is written out as
a literal, with the rows it comes from, so a change in the code (or in the
data) shows up here instead of silently in a lesson.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lessons import datasets, evidence


def row(frame, **where):
    """The one row of ``frame`` whose columns equal ``where``."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (index,) = frame.index[mask]
    return frame.loc[index]


# --- trade -------------------------------------------------------------------------------


def test_trade_growth_against_the_year_before():
    table = evidence.trade_by_year()
    # 2014 row 95.28, 2013 row 89.21: 6.07 / 89.21 = 6.8042 % (the notes: "+6.8%")
    assert row(table, year=2014)["change_usd_bn"] == pytest.approx(6.07)
    assert row(table, year=2014)["growth_pct"] == pytest.approx(6.8042, abs=1e-4)
    # 2015 row 68.0: (68.0 - 95.28) / 95.28 = -28.6314 % (the notes: "-28.6%")
    assert row(table, year=2015)["growth_pct"] == pytest.approx(-28.6314, abs=1e-4)
    # 2024 row 244.81, 2023 row 240.11: 4.70 / 240.11 = 1.9574 % (GAC: "+1.9%")
    assert row(table, year=2024)["growth_pct"] == pytest.approx(1.9574, abs=1e-4)


def test_growth_is_missing_where_the_year_before_is_not_verified_or_absent():
    table = evidence.trade_by_year()
    # 2012's total is empty: 2012 and 2013 have no growth (not 0, not 2010->2013)
    assert math.isnan(row(table, year=2012)["total_usd_bn"])
    assert math.isnan(row(table, year=2013)["growth_pct"])
    # 2004 is not in the file: 2005 has no one-year growth
    assert math.isnan(row(table, year=2005)["growth_pct"])
    assert table["growth_pct"].notna().sum() == 11   # 2014..2024


def test_russias_share_of_chinas_trade():
    table = evidence.russia_share_of_china_trade()
    # 2023: 240.11 / 5940 = 4.0423 % (the notes: "about 4%")
    assert row(table, year=2023)["russia_share_pct"] == pytest.approx(4.0423, abs=1e-4)
    # 2000: 8.0 / 474.3 = 1.6867 %
    assert row(table, year=2000)["russia_share_pct"] == pytest.approx(1.6867, abs=1e-4)
    # 2015-2017: China's total trade is empty, so no share
    assert table.loc[table["year"].between(2015, 2017), "russia_share_pct"].isna().all()


def test_china_russia_beside_china_us():
    table = evidence.russia_beside_us()
    # 2022: 190.272 / 759.427 = 25.0547 % (the notes: "25% in 2022")
    assert row(table, year=2022)["russia_as_pct_of_us"] == pytest.approx(25.0547, abs=1e-4)
    # 2023: 240.11 / 664 = 36.1611 % (the notes: "about 36%")
    assert row(table, year=2023)["russia_as_pct_of_us"] == pytest.approx(36.1611, abs=1e-4)
    # China-US empty for 2000, 2012, 2014, 2015, 2017
    assert list(table.loc[table["russia_as_pct_of_us"].isna(), "year"]) == [2000, 2012, 2014, 2015, 2017]


def test_which_way_the_balance_runs():
    table = evidence.trade_balance()
    # 2017: exports 42.9 - imports 41.2 = 1.7 (surplus); 2018: 47.98 - 59.08 = -11.10 (deficit)
    assert row(table, year=2017)["balance_usd_bn"] == pytest.approx(1.7)
    assert row(table, year=2018)["balance_usd_bn"] == pytest.approx(-11.10)
    # the notes: surplus in 2010, 2014, 2016, 2017; deficit every year with both columns from 2018
    by_direction = table.groupby("direction")["year"].apply(list).to_dict()
    assert by_direction == {
        "china surplus": [2010, 2014, 2016, 2017],
        "china deficit": [2018, 2019, 2020, 2022, 2023, 2024],
        "not verified": [2000, 2005, 2008, 2012, 2013, 2015, 2021],
    }
    assert math.isnan(row(table, year=2021)["balance_usd_bn"])


# --- Security Council vetoes --------------------------------------------------------------


def test_who_vetoed_each_draft():
    counts = evidence.classify_vetoes()["vetoed_by"].value_counts().to_dict()
    # un-votes-sources.md: 16 joint, 22 Russia alone, 2 China alone; plus the
    # 1994 row (Russia vetoed, China's vote empty): joint or alone not known
    assert counts == {"russia_alone": 22, "both": 16, "china_alone": 2, "russia_other_not_verified": 1}


def test_vetoes_per_period():
    table = evidence.vetoes_by_period().set_index("period")
    # 1992-1999 rows: 1993-05-11 Russia alone, 1994-12-02 China unverified,
    # 1997-01-10 and 1999-02-25 China alone
    assert row(table.reset_index(), period="1992–1999")[["both", "russia_alone", "china_alone", "other_not_verified", "total"]].tolist() == [0, 1, 2, 1, 4]
    # 2020-2024 rows: joint 2020-07-07, 2020-07-10, 2022-05-26, 2023-10-25, 2024-03-22; 9 Russia alone
    assert table.loc["2020–2024", ["both", "russia_alone", "total"]].tolist() == [5, 9, 14]
    assert table["total"].sum() == 41


def test_vetoes_per_subject():
    table = evidence.vetoes_by_subject()
    # Syria: 18 Russian vetoes, China joined 10 (notes); Ukraine: 4, China abstained on all
    assert table.iloc[0][["subject_en", "subject_zh", "both", "russia_alone", "total"]].tolist() == ["Syria", "敘利亞", 10, 8, 18]
    assert row(table, subject_en="Ukraine")[["both", "russia_alone", "total"]].tolist() == [0, 4, 4]
    assert row(table, subject_en="Gaza")[["both", "total"]].tolist() == [2, 2]


def test_how_the_other_voted_when_one_vetoed_alone():
    table = evidence.partner_vote_when_alone()
    # Russia alone: China abstained 19, yes 3 (1993 Cyprus, 2004 Cyprus, 2024 Sudan);
    # the 1994 row's China vote is empty. China alone: Russia yes 1997, abstained 1999.
    assert table.values.tolist() == [
        ["russia", "abstained", 19], ["russia", "yes", 3], ["russia", "not verified", 1],
        ["china", "yes", 1], ["china", "abstained", 1],
    ]


def test_vetoes_after_the_brief_are_marked():
    table = evidence.classify_vetoes()
    # after 11 Sep 2023: 2023-10-25, 2024-03-22, 2024-03-28, 2024-04-24, 2024-11-18
    assert [d.strftime("%Y-%m-%d") for d in table.loc[table["after_brief"], "date"]] == [
        "2023-10-25", "2024-03-22", "2024-03-28", "2024-04-24", "2024-11-18"]


# --- General Assembly ------------------------------------------------------------------------


def test_general_assembly_totals_and_both_votes():
    table = evidence.unga_votes()
    es1 = row(table, resolution="ES-11/1")
    # 141 + 5 + 35 = 181 voting; 141 / 181 = 77.9006 %
    assert es1["voting"] == 181 and es1["yes_pct"] == pytest.approx(77.9006, abs=1e-4)
    assert (es1["russia"], es1["china"], es1["same_vote"]) == ("no", "abstained", False)
    # China voted no on ES-11/3 (Human Rights Council) and ES-11/5 (reparations)
    assert list(table.loc[table["same_vote"], "resolution"]) == ["ES-11/3", "ES-11/5"]
    assert not table["after_brief"].any()   # the last vote is 23 Feb 2023


def test_general_assembly_vote_counts():
    table = evidence.unga_vote_counts().set_index("country")
    # Russia: no on all 7; China: abstained on 5, no on 2
    assert table.loc["russia"].tolist() == [0, 7, 0, 0]
    assert table.loc["china"].tolist() == [0, 2, 5, 0]


# --- membership -----------------------------------------------------------------------------


def test_membership_as_of_the_last_row_matches_the_notes():
    counts = evidence.member_counts_on("2025-01-06").set_index("organisation")
    # the notes: "10 BRICS members ..., Saudi Arabia disputed, 8 partner countries, and 10 SCO members"
    assert counts.loc["BRICS", ["members_narrow", "members_broad", "partner country"]].tolist() == [10, 11, 8]
    assert counts.loc["BRICS", "disputed"] == "Saudi Arabia"
    # Algeria, Nigeria, Turkey, Vietnam: invited in Oct 2024, no later row
    assert counts.loc["BRICS", "invited"] == 4 and counts.loc["BRICS", "declined"] == 1  # Argentina
    assert counts.loc["SCO", ["members_narrow", "members_broad"]].tolist() == [10, 10]


def test_south_africa_in_both_readings():
    # between the acceptance (invited row, 2010-12-23) and the first summit (member row, 2011-04-14)
    early = evidence.membership_on("2011-01-01", organisation="BRICS")
    south_africa = row(early, country_en="South Africa")
    assert (south_africa["status"], south_africa["member_narrow"], south_africa["member_broad"], south_africa["disputed"]) == (
        "invited", False, True, True)
    assert evidence.member_counts_on("2011-01-01").set_index("organisation").loc["BRICS", ["members_narrow", "members_broad"]].tolist() == [4, 5]
    later = row(evidence.membership_on("2011-04-14", organisation="BRICS"), country_en="South Africa")
    assert (later["status"], later["member_narrow"], later["disputed"]) == ("member", True, False)


def test_saudi_arabia_is_never_silently_counted():
    status = row(evidence.membership_on("2024-06-01", organisation="BRICS"), country_en="Saudi Arabia")
    assert (status["status"], status["member_narrow"], status["member_broad"], status["disputed"]) == ("disputed", False, True, True)
    # 2024-06-01: the four BRIC founders, South Africa, Egypt, Ethiopia, Iran, UAE = 9; with Saudi Arabia 10
    assert evidence.member_counts_on("2024-06-01").set_index("organisation").loc["BRICS", ["members_narrow", "members_broad"]].tolist() == [9, 10]
    # invited but not yet a member on the brief's date (invitations of 2023-08-24)
    on_brief = row(evidence.membership_on(evidence.BRIEF_DATE, organisation="BRICS"), country_en="Saudi Arabia")
    assert (on_brief["status"], on_brief["member_broad"]) == ("invited", False)


def test_sco_growth_over_time():
    table = evidence.member_counts_over_time(organisation="SCO")
    # 2001 six founders; 2017-06-09 India and Pakistan; 2023-07-04 Iran; 2024-07-04 Belarus
    members = dict(zip(table["date"].dt.strftime("%Y-%m-%d"), table["members_narrow"]))
    assert members["2001-06-15"] == 6 and members["2017-06-09"] == 8
    assert members["2023-07-04"] == 9 and members["2024-07-04"] == 10
    assert list(table.loc[table["after_brief"], "date"].dt.strftime("%Y-%m-%d")) == ["2024-07-04"]


# --- exercises --------------------------------------------------------------------------------


def test_exercises_per_year_by_kind():
    table = evidence.exercises_per_year().set_index("year")
    # 2019 rows: Joint Sea 2019, Mosi, Marine Security Belt 2019 (naval); first air patrol (air); Tsentr 2019 (strategic)
    assert table.loc[2019, ["land", "naval", "air", "strategic", "total"]].tolist() == [0, 3, 1, 1, 5]
    # 2022 rows: Marine Security Belt 2022, second naval patrol (2022-09), Joint Sea 2022; air patrols 4 and 5; Vostok 2022
    assert table.loc[2022, ["naval", "air", "strategic", "total"]].tolist() == [3, 2, 1, 6]
    # no row in 2006, 2008, 2011: a 0 count of rows, shown so the chart has no silent gap
    assert table.loc[[2006, 2008, 2011], "total"].tolist() == [0, 0, 0]
    # the notes: "4 in 2005-2011"
    assert table.loc[2005:2011, "total"].sum() == 4
    assert table["total"].sum() == 48
    assert table.index[table["after_brief"]].tolist() == [2023, 2024]


def test_exercises_per_year_by_format():
    table = evidence.exercises_per_year(by="format").set_index("year")
    # 2024: Joint Sea 2024, air patrols 8 and 9, Ocean-2024, Northern/Interaction-2024 bilateral; Security Bond-2024 multilateral
    assert table.loc[2024, ["bilateral", "SCO", "multilateral", "total"]].tolist() == [5, 0, 1, 6]
    # SCO exercises: Peace Mission 2007, 2010, 2012, 2014, 2016, 2018, 2021
    assert table["SCO"].sum() == 7
    with pytest.raises(ValueError, match="count by 'kind' or 'format'"):
        evidence.exercises_per_year(by="place")


# --- shared rules ------------------------------------------------------------------------------


def test_after_brief_respects_month_precision():
    exercises = datasets.load("china-russia-exercises")
    flags = evidence.after_brief(exercises)
    # 2023-07-28 third naval patrol: before; 2023-12-14 seventh air patrol: after
    assert not flags[exercises["name_en"] == "Third joint naval patrol"].item()
    assert flags[exercises["name_en"] == "Joint strategic air patrol (7th)"].item()
    # a month-precision date counts as after the brief when its month ends after it
    month = pd.DataFrame({"start_date": pd.to_datetime(["2023-09-01", "2023-08-01"]), "date_precision": ["month", "month"]})
    assert evidence.after_brief(month).tolist() == [True, False]
    assert evidence.as_of("bloc-membership").isoformat() == "2025-01-06"


@pytest.mark.parametrize("function, name", [
    (evidence.trade_by_year, "china-russia-trade"), (evidence.trade_balance, "china-russia-trade"),
    (evidence.vetoes_by_subject, "unsc-vetoes"), (evidence.partner_vote_when_alone, "unsc-vetoes"),
    (evidence.unga_votes, "unga-ukraine-votes"), (evidence.member_counts_over_time, "bloc-membership"),
    (evidence.exercises_per_year, "china-russia-exercises"),
])
def test_functions_are_pure_and_take_a_loaded_frame(function, name):
    frame = datasets.load(name)
    before = frame.copy()
    result = function(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert isinstance(result, pd.DataFrame)
    pd.testing.assert_frame_equal(result, function())


def test_a_filtered_frame_gives_the_filtered_answer():
    vetoes = datasets.load("unsc-vetoes")
    syria = vetoes[vetoes["subject_en"] == "Syria"]
    assert evidence.partner_vote_when_alone(syria).values.tolist() == [["russia", "abstained", 8]]
