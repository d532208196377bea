"""Lesson 5's role cards (issue 23): the numbers come from the course data.

The card's figures are read back from the HTML the lesson shows and held
equal to the same questions asked of the CSV files here with plain pandas,
not through lessons.evidence; a changed row changes the card; every actor
the issue names has a card with two excerpts of the reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessons import datasets, evidence, rolecards
from lessons.primary_sources import load

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ("china", "russia", "united-states", "india", "brazil", "south-africa", "kazakhstan", "ukraine")
ROW = re.compile(r'<tr data-figure="([^"]+)" data-value="([^"]*)">')


@pytest.fixture(scope="module")
def shown() -> dict[str, dict[str, str]]:
    """Each card's figures as the lesson page shows them: {actor: {key: value}}."""
    html = rolecards.role_cards()._repr_html_()
    cards = {}
    for section in html.split('<section class="role-card" id="role-')[1:]:
        actor = section[: section.index('"')]
        cards[actor] = {key: value.replace("&amp;", "&") for key, value in ROW.findall(section)}
    return cards


def test_every_actor_has_a_card_with_two_excerpts_of_the_reader(shown):
    assert set(ACTORS) <= set(shown)
    ids = {e.id for e in load()}
    for card in rolecards.load_cards():
        assert len(card.excerpts) == 2 and set(card.excerpts) <= ids, card.id
        assert card.position.zh.strip() and card.position.en.strip(), card.id


def test_general_assembly_votes_on_the_cards_are_the_files():
    votes = datasets.load("unga-ukraine-votes")
    for actor in ("china", "russia"):
        figures = {f.key: f.value for f in rolecards.data_pack(actor)}
        assert figures["unga-resolutions"] == str(len(votes))
        for vote in ("yes", "no", "abstained"):
            assert figures[f"unga-{vote}"] == str(int((votes[actor] == vote).sum())), (actor, vote)


def test_shown_cards_hold_the_numbers_computed_from_the_csv_files(shown):
    votes = datasets.load("unga-ukraine-votes")
    vetoes = datasets.load("unsc-vetoes")
    exercises = datasets.load("china-russia-exercises")
    china, russia = vetoes["china"], vetoes["russia"]
    expected = {
        ("china", "unga-abstained"): (votes["china"] == "abstained").sum(),
        ("china", "unga-no"): (votes["china"] == "no").sum(),
        ("russia", "unga-no"): (votes["russia"] == "no").sum(),
        ("china", "vetoes-cast"): (china == "vetoed").sum(),
        ("china", "vetoes-alone"): ((china == "vetoed") & russia.notna() & (russia != "vetoed")).sum(),
        ("russia", "vetoes-alone"): ((russia == "vetoed") & china.notna() & (china != "vetoed")).sum(),
        ("russia", "vetoes-joint"): ((russia == "vetoed") & (china == "vetoed")).sum(),
        ("united-states", "vetoes-total"): len(vetoes),
        ("ukraine", "vetoes-ukraine"): (vetoes["subject_en"] == "Ukraine").sum(),
        ("ukraine", "unga-resolutions"): len(votes),
        ("china", "exercises-total"): len(exercises),
        ("russia", "exercises-since-2022"): (exercises["start_date"].dt.year >= 2022).sum(),
        ("kazakhstan", "exercises-with"): exercises["participants"].fillna("").str.contains("Kazakhstan").sum(),
    }
    for (actor, key), value in expected.items():
        assert shown[actor][key] == str(int(value)), (actor, key)


@pytest.mark.parametrize("actor,country", [(a, rolecards.PACKS[a][0]) for a in ACTORS if "membership" in rolecards.PACKS[a][1]])
def test_membership_on_each_card_is_the_latest_row_on_or_before_the_as_of_date(shown, actor, country):
    blocs = datasets.load("bloc-membership")
    when = evidence.as_of("bloc-membership")
    for organisation in ("BRICS", "SCO"):
        rows = blocs[(blocs["organisation"] == organisation) & (blocs["country_en"] == country) & (blocs["date"] <= str(when))]
        value = shown[actor][f"{organisation.lower()}-status"]
        if rows.empty:
            assert "not in the data" in value
        else:
            latest = rows.sort_values("date").iloc[-1]
            assert f"{latest['status']} (since {latest['date'].date().isoformat()})" in value


def test_a_changed_row_changes_the_card():
    votes = datasets.load("unga-ukraine-votes")
    before = {f.key: f.value for f in rolecards.data_pack("china", votes=votes)}
    changed = votes.copy()
    changed.loc[changed.index[0], "china"] = "yes"
    after = {f.key: f.value for f in rolecards.data_pack("china", votes=changed)}
    assert int(after["unga-yes"]) == int(before["unga-yes"]) + 1


def test_cards_without_votes_in_the_data_say_so_instead_of_guessing():
    html = rolecards.role_cards()._repr_html_()
    for actor in ("india", "brazil", "south-africa"):
        section = html[html.index(f'id="role-{actor}"'):]
        section = section[: section.index("</section>")]
        assert "records only China" in section and "unga-abstained" not in section


def test_an_unknown_actor_or_excerpt_is_named_with_the_fix(tmp_path):
    with pytest.raises(rolecards.RoleCardsError, match="add it to lessons.rolecards.PACKS"):
        rolecards.data_pack("france")
    bad = tmp_path / "role-cards.yml"
    bad.write_text("- id: china\n  name: {zh: 中國, en: China}\n  position: {zh: 甲, en: a}\n  excerpts: [no-such-source]\n", encoding="utf-8")
    with pytest.raises(rolecards.RoleCardsError, match="china: name two excerpt ids of primary-sources.yml"):
        rolecards.load_cards(bad, excerpt_ids={"joint-statement-2022"})


def test_figures_the_page_and_bank_write_out_are_the_datas():
    """The rubric's anchor paragraphs and the bank cite figures in words;
    they must stay the numbers the cards compute."""
    china = {f.key: f.value for f in rolecards.data_pack("china")}
    ukraine = {f.key: f.value for f in rolecards.data_pack("ukraine")}
    vetoes = datasets.load("unsc-vetoes")
    on_ukraine = vetoes[vetoes["subject_en"] == "Ukraine"]
    page = (ROOT / "book" / "lesson-5.md").read_text(encoding="utf-8")
    bank = (ROOT / "book" / "quizzes" / "lesson-5.yml").read_text(encoding="utf-8")
    assert f"{china['exercises-since-2022']} joint exercises and patrols" in page
    assert f"{china['vetoes-joint']} Security Council drafts the two vetoed together" in page
    assert ukraine["vetoes-ukraine"] == "4" and (on_ukraine["china"] == "abstained").all()
    assert "all four of Russia's vetoes on Ukraine" in page
    assert f"abstained on {china['unga-abstained']} of {china['unga-resolutions']} General Assembly" in bank
    assert f"answer: {china['unga-abstained']}\n" in bank


def test_a_card_links_its_own_sources_and_refuses_a_mirror(tmp_path):
    html = rolecards.role_cards()._repr_html_()
    for card in rolecards.load_cards(excerpt_ids=None):
        section = html[html.index(f'id="role-{card.id}"'):]
        section = section[: section.index("</section>")]
        for source in (s for s in card.sources if s.startswith("https://")):
            assert f'href="{source}" target="_blank" rel="noopener"' in section, (card.id, source)
    bad = tmp_path / "role-cards.yml"
    bad.write_text("- id: brazil\n  name: {zh: 巴西, en: Brazil}\n  position: {zh: 甲, en: a}\n  excerpts: [a, b]\n"
                   "  sources: [https://en.wikipedia.org/wiki/Brazil]\n", encoding="utf-8")
    with pytest.raises(rolecards.RoleCardsError, match=r"role-cards.yml: brazil: sources: .*copy site \(wikipedia.org\)"):
        rolecards.load_cards(bad)
