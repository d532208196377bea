"""Lesson 5's simulation: one role card per actor, its numbers computed.

The words of each card (the actor's stated position, its two excerpts from
the reader) are in ``book/data/role-cards.yml``. Its *data pack* is not
written anywhere: :func:`data_pack` computes it from the course's datasets
with :mod:`lessons.evidence`, so a corrected row changes the cards too.
Every figure says which dataset it comes from and its "as of" date; where
the data holds nothing on an actor (the General Assembly file records only
China's and Russia's votes), the card says so instead of guessing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from . import citations, datasets, evidence
from .bilingual import Text, pair
from .datasets.catalogue import GA_VOTES
from .paths import book_dir
from .primary_sources import page_mode, paragraphs
from .problems import LoadError, Problem

MEMBERSHIP, UNGA, VETOES, EXERCISES = "bloc-membership", "unga-ukraine-votes", "unsc-vetoes", "china-russia-exercises"
#: Actors whose own votes the General Assembly file records (its columns).
VOTERS = {"china": "china", "russia": "russia"}
# The words of codes come from the data dictionaries, as on the data page and
# in the charts: one label per code in the whole course.
_ORGANISATION_NAMES = datasets.dataset(MEMBERSHIP).column("organisation").allowed
ORGANISATIONS = {code: _ORGANISATION_NAMES[code] for code in ("BRICS", "SCO")}
STATUS_WORDS = datasets.dataset(MEMBERSHIP).column("status").allowed
VOTE_WORDS = {code: GA_VOTES[code] for code in ("yes", "no", "abstained")}


class RoleCardsError(LoadError):
    """Problems in role-cards.yml; ``problems`` lists each (subject: the
    card's id, the actor), the message one a line, with its fix."""


@dataclass(frozen=True)
class Figure:
    """One number (or status) of a data pack, with where it comes from."""

    key: str
    label: Text
    value: str
    dataset: str


@dataclass(frozen=True)
class Card:
    id: str
    name: Text
    position: Text
    excerpts: tuple[str, ...]
    sources: tuple[str, ...]


def cards_path(start: Path | None = None) -> Path:
    return book_dir(start) / "data" / "role-cards.yml"


def load_cards(path: Path | None = None, excerpt_ids: set[str] | None = None) -> list[Card]:
    """The cards of ``role-cards.yml``; each names two excerpts of the reader."""
    path = path or cards_path()
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cards: list[Card] = []
    problems: list[Problem] = []
    for entry in raw if isinstance(raw, list) else []:
        ident = entry.get("id", "?")
        try:
            card = Card(ident, Text(**entry["name"]), Text(**entry["position"]), tuple(entry["excerpts"]), tuple(entry.get("sources") or ()))
        except (KeyError, TypeError):
            problems.append(Problem(path.name, None, ident, "needs name and position (zh, en) and excerpts"))
            continue
        unknown = [e for e in card.excerpts if excerpt_ids is not None and e not in excerpt_ids]
        if len(card.excerpts) != 2 or unknown:
            problems.append(Problem(path.name, None, ident, f"name two excerpt ids of primary-sources.yml (unknown: {', '.join(unknown) or 'none'})"))
        for source in card.sources:  # a web address must be one a teacher can cite (never a mirror)
            if source.startswith(("http://", "https://")) and (problem := citations.url_problem(source)):
                problems.append(Problem(path.name, None, ident, f"sources: {problem}"))
        if ident not in PACKS:  # the card would fail when shown: say so where its id is written
            problems.append(_no_pack(ident, path.name))
        cards.append(card)
    if problems or not cards:
        raise RoleCardsError(problems or [Problem(str(path), None, None, "should be a list of cards (- id: ...)")])
    return cards


def _no_pack(actor: str, file: str = "role-cards.yml") -> Problem:
    return Problem(file, None, actor, f"no data pack for {actor!r}: add it to lessons.rolecards.PACKS ({', '.join(PACKS)})")


# --- the data packs ----------------------------------------------------------

def _membership(country: str, blocs) -> list[Figure]:
    when = evidence.as_of(MEMBERSHIP)
    table = evidence.membership_on(when, blocs)
    figures = []
    for organisation, name in ORGANISATIONS.items():
        rows = table[(table["organisation"] == organisation) & (table["country_en"] == country)]
        if rows.empty:
            value = Text("不在資料中（非成員）", "not in the data (not a member)")
        else:
            row = rows.iloc[0]
            status = STATUS_WORDS.get(row["status"], Text(row["status"], row["status"]))
            since = row["since"].date().isoformat()
            value = Text(f"{status.zh}（自{since}）", f"{status.en} (since {since})")
        label = Text(f"{name.zh}：截至{when.isoformat()}的身分", f"{name.en}: status on {when.isoformat()}")
        figures.append(Figure(f"{organisation.lower()}-status", label, f"{value.zh}|{value.en}", MEMBERSHIP))
    return figures


def _unga(actor: str, votes) -> list[Figure]:
    table = evidence.unga_votes(votes)
    total = len(table)
    figures = [Figure("unga-resolutions", Text("資料中的聯大烏克蘭決議數", "UN General Assembly Ukraine resolutions in the data"), str(total), UNGA)]
    if actor in VOTERS:
        counts = evidence.unga_vote_counts(votes).set_index("country").loc[VOTERS[actor]]
        for vote, words in VOTE_WORDS.items():
            figures.append(Figure(f"unga-{vote}", Text(f"其中投{words.zh}", f"of which voted {words.en}"), str(int(counts[vote])), UNGA))
    return figures


def _vetoes(actor: str, vetoes) -> list[Figure]:
    table = evidence.classify_vetoes(vetoes)
    on_ukraine = table[table["subject_en"] == "Ukraine"]
    if actor in VOTERS:
        cast = table[table[VOTERS[actor]] == "vetoed"]
        alone = cast[cast["vetoed_by"] == f"{actor}_alone"]
        return [
            Figure("vetoes-cast", Text("安理會否決次數（資料中）", "Security Council vetoes cast (in the data)"), str(len(cast)), VETOES),
            Figure("vetoes-alone", Text("其中單獨否決", "of which alone"), str(len(alone)), VETOES),
            Figure("vetoes-joint", Text("其中與對方共同否決", "of which jointly with the other"), str(int((cast["vetoed_by"] == evidence.BOTH).sum())), VETOES),
        ]
    return [
        Figure("vetoes-total", Text("俄羅斯或中國否決的草案數", "Drafts vetoed by Russia or China"), str(len(table)), VETOES),
        Figure("vetoes-ukraine", Text("其中關於烏克蘭", "of which on Ukraine"), str(len(on_ukraine)), VETOES),
    ]


def _exercises(country: str, exercises) -> list[Figure]:
    per_year = evidence.exercises_per_year(exercises)
    since_2022 = per_year[per_year["year"] >= 2022]["total"].sum()
    if country not in ("China", "Russia", "United States"):
        # Only China and Russia are in every row; others only where the
        # file's participants column names them.
        rows = datasets.load(EXERCISES) if exercises is None else exercises
        named = rows["participants"].fillna("").str.split(",").apply(lambda names: country in [n.strip() for n in names])
        return [Figure("exercises-with", Text("資料中本國參加的中俄演習", "China–Russia exercises in the data this country took part in"), str(int(named.sum())), EXERCISES)]
    return [
        Figure("exercises-total", Text("資料中的中俄聯合演習與巡航", "China–Russia exercises and patrols in the data"), str(int(per_year["total"].sum())), EXERCISES),
        Figure("exercises-since-2022", Text("其中2022年以後開始", "of which started in 2022 or later"), str(int(since_2022)), EXERCISES),
    ]


#: Which part of the data each actor's pack shows (its name in the data first).
PACKS = {
    "china": ("China", ("membership", "unga", "vetoes", "exercises")),
    "russia": ("Russia", ("membership", "unga", "vetoes", "exercises")),
    "united-states": ("United States", ("membership", "vetoes", "exercises")),
    "india": ("India", ("membership", "unga")),
    "brazil": ("Brazil", ("membership", "unga")),
    "south-africa": ("South Africa", ("membership", "unga")),
    "kazakhstan": ("Kazakhstan", ("membership", "exercises")),
    "ukraine": ("Ukraine", ("unga", "vetoes")),
}


def data_pack(actor: str, *, blocs=None, votes=None, vetoes=None, exercises=None) -> list[Figure]:
    """The figures on ``actor``'s card, computed with :mod:`lessons.evidence`."""
    if actor not in PACKS:
        raise RoleCardsError([_no_pack(actor)])
    country, parts = PACKS[actor]
    makers = {
        "membership": lambda: _membership(country, blocs),
        "unga": lambda: _unga(actor, votes),
        "vetoes": lambda: _vetoes(actor, vetoes),
        "exercises": lambda: _exercises(country, exercises),
    }
    return [figure for part in parts for figure in makers[part]()]


# --- HTML -------------------------------------------------------------------

def _as_of(dataset: str) -> str:
    return evidence.as_of(dataset).isoformat()


def _figure_row(figure: Figure, mode: str | None) -> Markup:
    zh, _, en = figure.value.partition("|")
    value = Text(zh, en or zh)
    source = Text(f"{figure.dataset}，截至{_as_of(figure.dataset)}", f"{figure.dataset}, as of {_as_of(figure.dataset)}")
    return Markup(f'<tr data-figure="{html.escape(figure.key)}" data-value="{html.escape(figure.value)}">'
            f"<th>{pair(figure.label, mode=mode)}</th><td>{pair(value, mode=mode)}</td><td>{pair(source, mode=mode)}</td></tr>")


def _sources_html(card: Card, mode: str | None) -> Markup:
    """The card's own sources (beyond the reader's excerpts), each address a link."""
    if not card.sources:
        return Markup("")
    listed = citations.url_links_html(citations.SEPARATOR.join(card.sources))
    return Markup(f'<p class="role-sources">{pair(Text("來源：", "Sources: "), mode=mode)}{listed}</p>')


def card_html(card: Card, figures: list[Figure], titles: dict[str, Text], mode: str | None = None) -> Markup:
    """One card: the actor's own stated position, its data pack, its two excerpts."""
    both = lambda zh, en: pair(Text(zh, en), mode=mode)  # noqa: E731 - short local helper
    links = "".join(
        f'<li><a href="#source-{html.escape(e)}">{pair(titles.get(e, Text(e, e)), mode=mode)}</a></li>' for e in card.excerpts
    )
    no_votes = "" if card.id in VOTERS else paragraphs(Text(
        "課程的聯大資料只記錄中國與俄羅斯的投票，沒有這個國家的投票。",
        "The course's General Assembly data records only China's and Russia's votes, not this country's."), mode)
    return Markup(
        f'<section class="role-card" id="role-{html.escape(card.id)}" style="break-inside:avoid-page"><h3>{both(f"角色卡：{card.name.zh}", f"Role card: {card.name.en}")}</h3>'
        f"<h4>{both('自己說過的立場', 'Its own stated position')}</h4>{paragraphs(card.position, mode)}{_sources_html(card, mode)}"
        f"<h4>{both('資料包（由課程資料計算）', 'Data pack (computed from the course data)')}</h4>"
        f'<table class="role-data"><tbody>{"".join(_figure_row(f, mode) for f in figures)}</tbody></table>{no_votes}'
        f"<h4>{both('讀本中的兩份文件', 'Two sources from the reader')}</h4><ul>{links}</ul></section>"
    )


class RoleCards:
    """The cards as a notebook output (book and JupyterLab)."""

    def __init__(self, cards: list[Card], titles: dict[str, Text]):
        self.cards, self.titles = cards, titles

    def _repr_html_(self) -> Markup:
        mode = page_mode()
        return Markup(f'<div class="lessons-role-cards" style="overflow-wrap:anywhere">{"".join(card_html(c, data_pack(c.id), self.titles, mode) for c in self.cards)}</div>')


def role_cards() -> RoleCards:
    """Every role card of lesson 5, its data pack computed now."""
    from .primary_sources import load

    excerpts = load()
    titles = {e.id: Text(f"文件{e.number}：{e.title.zh}", f"Source {e.number}: {e.title.en}") for e in excerpts}
    return RoleCards(load_cards(excerpt_ids=set(titles)), titles)
