"""What a cited source may be, and a citation as links.

The course cites pages a teacher can cite in turn: a UN press release or
record, a ministry's statement, a summit declaration, a reputable outlet —
never a copy of Wikipedia or a site that re-posts others' text
(:data:`MIRROR_HOSTS`). The evidence files cite web addresses
(``https://…`` separated by `` ; ``, :func:`url_problem`); the events file
cites publications in words and names the sites it read (:data:`SITE`).
Both are checked here, and both become links here, so the book's tables and
the live explorers link a source the same way.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

#: Hosts never cited: Wikipedia itself and its mirrors (wikimili, kfd.me,
#: kiwix, IPFS copies), wikis, and sites that re-post other outlets' text
#: without their own reporting, or were found unreliable (issue 22).
MIRROR_HOSTS = (
    "wikipedia.org", "wikimili.com", "kfd.me", "kiwix", "wikipedia-on-ipfs.org", "ipfs.dweb.link",
    "zxc.wiki", "other.wiki", "wikiclassic.com", "thewiki.kr", "wikisource.org",
    "voltairenet.org", "neptunep2pgroup.com", "heydaycn.com", "chazidian.com", "tellerreport.com",
    "ptop.only.wip.la", "ttnews.xyz", "keyanhelp.cn", "cppjump.com", "crackittoday.com", "headtopics.com",
    "huarenbao.net", "www255088.com", "newsoftheworld.us", "feifmx.com", "syxj.com.cn", "9k8cc.com",
    "1776coalition.com", "alliansfriheten.se", "trenchantobserver.com",
)

#: Top-level domains the events' citations use. A closed list, so a file name
#: such as book/data/brief.txt or an initialism such as "U.S." is never a site.
SITE_TLDS = ("com", "org", "gov", "edu", "net", "int", "cn", "ru", "za", "uk", "eu", "tw")

#: A site named in words (``rferl.org/a/1080434.html``): a host ending in a
#: known top-level domain, then an optional path.
SITE = re.compile(
    r"(?<![\w/.@-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:" + "|".join(SITE_TLDS) + r"))"
    r"((?:/[\w.~%+-]+)*/?)(?![\w.-]*[A-Za-z0-9])"
)

#: One web address of an evidence file's ``source`` cell.
URL = re.compile(r"https?://([^/\s?#]+)\S*")
SEPARATOR = " ; "


def mirror_host(text: str) -> str | None:
    """The first host of :data:`MIRROR_HOSTS` that ``text`` names, or None."""
    lowered = text.lower()
    return next((host for host in MIRROR_HOSTS if host in lowered), None)


def url_problem(text: str) -> str | None:
    """What is wrong with a ``source`` cell of web addresses, or None.

    Each part (separated by `` ; ``) must be one whole ``http(s)://`` address
    whose host is not a mirror."""
    for part in text.split(SEPARATOR):
        part = part.strip()
        if not URL.fullmatch(part):
            return (f"{part!r} is not a web address — write each source as a full URL starting with "
                    "https:// (or http://), separated by ' ; '; name a printed source in the notes file instead")
        host = mirror_host(URL.fullmatch(part).group(1))
        if host:
            return (f"{part!r} is a copy site ({host}), not a source a teacher can cite — replace it with the page "
                    "it copies (a UN press release or record, a ministry or summit text, or a reputable outlet)")
    return None


def url_links_html(text: str) -> Markup:
    """A ``source`` cell of web addresses as links, one per address, opening in
    a new tab (``rel="noopener"``: the site gets no handle on the course's
    page); anything that is not an address stays text."""
    parts = []
    for part in text.split(SEPARATOR):
        part = part.strip()
        if URL.fullmatch(part):
            address = html.escape(part)
            parts.append(f'<a href="{address}" target="_blank" rel="noopener">{address}</a>')
        elif part:
            parts.append(html.escape(part))
    return Markup(" ; ".join(parts))  # each part escaped above
