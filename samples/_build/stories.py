# ruff: noqa: E501  (HTML and story text are data; long lines keep them readable)
"""The sample stories (Quintype story data) and how each page renders them.

Each entry of PAGES is (file stem, story, page options). Page options:
  extractor   layer that must answer ("quintype_json", "arrow_dom", "jsonld")
  static_page include script#static-page          arrow   arrow markup (False: plain HTML)
  old         older arrow spellings                time    "plain"|"timeago"|"timeago_empty"|"empty"
  show_published / show_updated                    lazy    lazy data-src images
  jsonld      JSON-LD article types                aside_cards / aside_related: filled aside
"""

from __future__ import annotations

from typing import Any

from build_story import author, linked, make_story
from qt import Story, also_read, quote_el, text, title

PageSpec = tuple[str, Story, dict[str, Any]]

DEFAULT: dict[str, Any] = {
    "extractor": "quintype_json",
    "static_page": True,
    "arrow": True,
    "old": False,
    "time": "timeago",
    "show_published": False,
    "show_updated": True,
    "lazy": True,
    "jsonld": ["Article", "NewsArticle"],
}


def opts(**kw: Any) -> dict[str, Any]:
    return {**DEFAULT, **kw}


# --- authors ----------------------------------------------------------------------------------

MARKOVA = author("Elena Markova", "elena-markova", "elenamarkova_ibn", "Diplomatic correspondent.")
WHITCOMBE = author("Daniel Whitcombe", "daniel-whitcombe", "dwhitcombe")
KOVALENKO = author("Oksana Kovalenko", "oksana-kovalenko", None, "Kyiv-based reporter.")
NOWAK = author("Paweł Nowak", "pawel-nowak", "pnowak_ibn")
AYDIN = author("Selin Aydın", "selin-aydin", None)
DESK = author("Inter Bellum News Desk", "inter-bellum-news-desk", "interbellumnews")

# --- 1. the seed ------------------------------------------------------------------------------

SEED_ALSO = [
    linked(
        "Russian Offensive Advances as Worlds Focus Is on Trump-Putin Call",
        "world/russian-offensive-advances-as-worlds-focus-is-on-trump-putin-call",
    ),
    linked(
        "Europe, Ukraine Rush to Influence Trump Ahead of Putin Call",
        "world/europe-ukraine-rush-to-influence-trump-ahead-of-putin-call",
    ),
    linked(
        "Trump Announces Planned Monday Call with President Putin",
        "politics/trump-announces-planned-monday-call-with-president-putin",
    ),
]

SEED = make_story(
    headline="Putin Hails ‘Very Useful’ Two-Hour Call With Trump on Ukraine Peace Talks",
    subheadline="Russia signals openness to ceasefire and long-term peace agreement with Kiev",
    slug="world/putin-hails-very-useful-two-hour-call-with-trump-on-ukraine-peace-talks",
    section=("World", "world"),
    authors=[MARKOVA],
    tags=["Vladimir Putin", "Donald Trump", "Ukraine", "Peace Talks", "Russia"],
    first_published="2025-05-19T21:12:00.000Z",
    updated="2025-05-20T06:41:00.000Z",
    read_time=2,
    hero_file="putin.jpg",
    hero_caption=None,
    hero_attribution="Kremlin.ru",
    summary="Putin says Moscow will draft a peace memorandum with Kiev after a two-hour call with Trump.",
    meta_description=(
        "Putin called his two-hour phone conversation with Trump “very useful” and said Russia "
        "will propose a memorandum on a future peace agreement with Ukraine."
    ),
    links=SEED_ALSO,
    cards=[
        [
            text(
                "<p>Russian President Vladimir Putin described his two-hour phone conversation with "
                "U.S. President Donald Trump on Monday as “very useful,” emphasizing that both "
                "nations are aligned in supporting the resumption of peace talks between Moscow "
                "and Kiev.</p><p>The call, which focused on the ongoing conflict in Ukraine, marks "
                "a potential turning point in diplomatic efforts.</p>"
            ),
        ],
        [
            title("Putin: “We’re on the right track”"),
            text(
                "<p>Speaking to reporters shortly after the call, Putin praised Trump for backing "
                "the direct dialogue now underway between Russia and Ukraine, which resumed last "
                "week in Istanbul after a three-year hiatus.</p><p>“Russia supports a peaceful "
                "resolution of the Ukraine conflict,” Putin said. “We must simply identify the "
                "most effective path toward peace.”</p><p>Putin revealed that he and Trump had "
                "agreed on the need to develop a formal memorandum outlining the foundation for "
                "a future peace agreement between Russia and Ukraine. The document would include "
                "proposed ceasefire timelines and key settlement principles.</p>"
            ),
        ],
        [
            text(
                "<h2>Russia proposes peace framework</h2><p>Putin stated that Moscow will soon "
                "present a draft peace memorandum to Kiev:</p>"
            ),
            quote_el(
                "“Russia will propose and be ready to work with the Ukrainian side on a "
                "memorandum on a potential future peace agreement, defining the terms of "
                "settlement and timeframe for a potential ceasefire.”"
            ),
            text(
                "<p>The proposal follows the most significant breakthrough in recent diplomacy: "
                "the agreement on a large-scale prisoner swap and the intention to continue "
                "high-level talks. Both sides reportedly agreed in principle to exchange 1,000 "
                "prisoners each and to submit written ceasefire proposals.</p>"
            ),
        ],
        [
            title("Trump’s influence in the peace process"),
            text(
                "<p>The Kremlin acknowledged that Trump’s push for renewed dialogue played a major "
                "role in restarting negotiations. Last week, Trump urged Ukrainian President "
                "Vladimir Zelensky to accept Putin’s offer of talks and announced he could attend "
                "the next round in Türkiye if progress continues.</p><p>While Zelensky had "
                "initially demanded a 30-day ceasefire as a precondition, the latest developments "
                "suggest that both sides may now be more flexible in finding common ground.</p>"
            ),
        ],
        [
            text(
                "<h2>Outlook: Real compromise or fragile optics?</h2><p>Putin concluded that the "
                "situation is “generally steering in the right direction,” but added that "
                "compromise and mutual commitment are essential.</p><p>“The issue is, of course, "
                "that both Moscow and Kiev should demonstrate maximum desire for peace and find "
                "compromises that would satisfy all parties,” he said.</p><p>Whether a long-term "
                "resolution is truly within reach remains uncertain. Previous negotiations "
                "collapsed in 2022 after Kiev withdrew from a draft treaty—allegedly under "
                "pressure from Western backers. Russia has consistently maintained that any future "
                "agreement must address what it calls the root causes of the conflict, including "
                "NATO expansion and the status of newly integrated Russian territories.</p>"
            ),
            also_read(SEED_ALSO[0]["id"], SEED_ALSO[0]["headline"]),
            also_read(SEED_ALSO[1]["id"], SEED_ALSO[1]["headline"]),
            also_read(SEED_ALSO[2]["id"], SEED_ALSO[2]["headline"]),
        ],
    ],
)

PAGES: list[PageSpec] = [
    ("putin-trump-call", SEED, opts(time="timeago_empty")),
]
