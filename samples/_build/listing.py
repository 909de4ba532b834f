# ruff: noqa: E501
"""Non-article pages (a section listing and the 404 page) and the samples README."""

from __future__ import annotations

import json
from typing import Any

import chrome
from chrome import Css
from page import config, public_story, section_obj, serialize_state, story_card, t
from qt import HOST, PUBLISHER, Story


def _card_story(story: Story) -> dict[str, Any]:
    keep = (
        "id",
        "headline",
        "subheadline",
        "slug",
        "url",
        "hero-image-s3-key",
        "hero-image-caption",
        "hero-image-metadata",
        "first-published-at",
        "last-published-at",
        "author-name",
        "authors",
        "sections",
        "story-template",
        "read-time",
        "alternative",
    )
    public = public_story(story)
    return {k: public[k] for k in keep if k in public}


def _shell(
    *,
    title: str,
    canonical: str,
    description: str,
    body_class: str,
    content: str,
    state: dict[str, Any],
    css: Css,
    active: str | None,
    extra_head: str = "",
) -> str:
    jsonld = json.dumps(
        {
            "@context": "http://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": HOST}]
            + (
                [{"@type": "ListItem", "position": 2, "name": "World", "item": f"{HOST}/world"}]
                if active
                else []
            ),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    org = json.dumps(
        {
            "@context": "http://schema.org",
            "@type": "NewsMediaOrganization",
            "name": PUBLISHER,
            "url": HOST,
            "logo": {
                "@type": "ImageObject",
                "url": "https://media.assettype.com/interbellumnews%2F2024-01%2Flogo.png",
            },
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n' + chrome.head_boilerplate() + f"\n<title>{t(title)}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta name="description" content="{description}">\n'
        '<meta property="og:type" content="website">\n'
        f'<meta property="og:url" content="{canonical}">\n'
        f'<meta property="og:title" content="{t(title)}">\n'
        f'<meta property="og:site_name" content="{PUBLISHER}">\n'
        '<meta name="twitter:card" content="summary">\n'
        '<meta name="twitter:site" content="@interbellumnews">\n'
        + extra_head
        + f'<script type="application/ld+json">{org}</script>\n'
        + f'<script type="application/ld+json">{jsonld}</script>\n'
        + "<style>"
        + chrome.css_noise()
        + "</style>\n"
        + chrome.head_scripts()
        + f'\n</head>\n<body class="{body_class}">\n'
        '<div id="fb-root"></div>\n<div class="page-wrapper">\n'
        + chrome.top_bar("Tuesday, 03 June 2025")
        + "\n"
        + chrome.nav_bar(css, active)
        + "\n"
        + chrome.breaking_news()
        + f'\n<div id="container">{content}</div>\n'
        + chrome.footer(css)
        + "\n</div>\n"
        + f'<script type="application/json" id="static-page">{serialize_state(state)}</script>\n'
        + chrome.body_scripts()
        + "\n</body>\n</html>\n"
    )


def _state(page_type: str, data: dict[str, Any], path: str) -> dict[str, Any]:
    return {
        "qt": {
            "pageType": page_type,
            "subPageType": None,
            "data": data,
            "config": config(),
            "currentPath": path,
            "currentHostUrl": HOST,
            "primaryHostUrl": HOST,
            "isBotRequest": False,
        },
        "header": {"isSidebarVisible": False, "isSearchFormVisible": False},
    }


def _cards(stories: list[Story], css: Css, heading: str = "h6") -> str:
    return "".join(
        story_card(
            s["url"],
            s["headline"],
            s.get("subheadline") or "",
            s["hero-image-s3-key"],
            s["authors"][0]["name"],
            s["first-published-at"],
            css=css,
            heading=heading,
        )
        for s in stories
    )


def section_page(stories: list[Story]) -> str:
    css = Css(False)
    world = section_obj("World", "world")
    items = sorted(stories, key=lambda s: -s["first-published-at"])
    lead, rest = items[0], items[1:]
    content = (
        chrome.ad_slot("section-top", "728x90")
        + '<div class="arrow-component arr--section-page" data-test-id="section-page">'
        '<div class="arr--collection-name arrow-component" data-test-id="collection-name">'
        '<h1 class="arr--collection-name-heading">World</h1></div>'
        '<div class="arrow-component arr--four-col-sixteen-stories" data-test-id="four-col-sixteen-stories">'
        f'<div class="lead-story">{_cards([lead], css, "h2")}</div>'
        f'<div class="arr--story-grid">{_cards(rest[:4], css, "h5")}</div>'
        + chrome.ad_slot("section-mid", "728x90")
        + f'<div class="arr--story-grid">{_cards(rest[4:], css, "h6")}</div>'
        '<div class="arr--load-more"><button class="arr--load-more-button" data-test-id="load-more">Load More</button></div>'
        "</div></div>"
    )
    data = {
        "collection": {
            "id": 58213,
            "slug": "world",
            "name": "World",
            "type": "collection",
            "template": "section",
            "total-count": 1873,
            "items": [{"id": s["id"], "type": "story", "story": _card_story(s)} for s in items],
        },
        "section": world,
    }
    return _shell(
        title="World News | Inter Bellum News",
        canonical=f"{HOST}/world",
        description="World news, analysis and reports from Inter Bellum News.",
        body_class="section-page section-world",
        content=content,
        state=_state("section-page", data, "/world"),
        css=css,
        active="world",
    )


def not_found_page(stories: list[Story]) -> str:
    css = Css(False)
    content = (
        chrome.ad_slot("notfound-top", "728x90")
        + '<div class="not-found-page" data-test-id="not-found">'
        '<div class="not-found-inner"><h1 class="not-found-code">404</h1>'
        "<h2>Page Not Found</h2>"
        "<p>Sorry, the page you are looking for doesn’t exist or may have been moved.</p>"
        f'<a class="not-found-home" href="{HOST}/">Go to the homepage</a>'
        '<form class="search-form" action="/search" method="get"><input type="search" name="q" '
        'placeholder="Search Inter Bellum News"><button type="submit">Search</button></form></div>'
        '<div class="arrow-component arr--collection" data-test-id="trending">'
        '<div class="arr--collection-name arrow-component" data-test-id="collection-name"><h3>Trending Now</h3></div>'
        f"{_cards(stories[:3], css)}</div></div>"
    )
    return _shell(
        title="Page not found | Inter Bellum News",
        canonical=f"{HOST}/404",
        description="The page you requested could not be found.",
        body_class="not-found-page",
        content=content,
        state=_state("not-found", {"title": "Page not found"}, "/world/this-story-does-not-exist"),
        css=css,
        active=None,
        extra_head='<meta name="robots" content="noindex, nofollow">\n',
    )


def listing_pages(stories: list[Story]) -> dict[str, str]:
    return {"section-world": section_page(stories), "not-found": not_found_page(stories)}


DESCRIPTIONS = {
    "putin-trump-call": "THE SEED (seeds/000_5576b28b1530dbf3.txt) as a complete page: static-page JSON, both Article and NewsArticle JSON-LD, hero credit “Kremlin.ru”, “Updated on” with an empty react-timeago <time> and “2 min read”, five cards with ads between them, headings as `title` elements and as <h2> in text, the quote element, three default also-read elements (img alt = current headline, no label), empty “Related Stories” aside.",
    "prisoner-exchange-three-authors": "Three authors; OLDER arrow spellings (arr--publish-details, <p> subheadline, author a>h5); plain <time datetime=…+02:00> with qt.data.timezone; published AND updated shown; dates with seconds and milliseconds; non-lazy protocol-relative images with srcset; hero caption with HTML tags; two body images with captions and credits; <ol>; tweet embed; relative inline link; bold and italic; also-read to the seed; NewsArticle JSON-LD only.",
    "eu-sanctions-non-ascii": "Two authors; non-ASCII (Paweł, Radosław, Šefčovič, Cyrillic, €, « », accents); summary element; <ul> with a link and bold; blockquote element with attribution; also-read WITH the “Also Read” label; meta title differs from the headline; react-timeago <time class=arr__timeago> for both published and updated; Article JSON-LD only.",
    "baltic-drones-youtube-blurb": "OLDER arrow spellings; published time only (no “Updated on”); YouTube embed; quote element with attribution; blurb element with <br> line breaks; a heading `title` element with curly quotes; two default also-read elements; hero with empty caption and a credit.",
    "no-static-page": "NO script#static-page (extractor: arrow_dom); arrow DOM + Article JSON-LD + meta remain; plain <time> with offset; body image with caption and credit; <ul>; <h3> inside text (level 3); <blockquote> inside a text element (quote, no attribution); a FILLED “Related Stories” aside whose cards repeat an also-read link and the page itself (de-duplicated, self excluded).",
    "jsonld-only": "NO static-page and NO arrow classes or data-test-ids: plain semantic <article> HTML; NewsArticle JSON-LD (articleBody = text elements joined with “.”, < > as &lt; &gt;) and meta tags remain (extractor: jsonld); no read time, no credit; a “Most Read” sidebar that is not related content.",
    "nato-summit-empty-time": "EMPTY <time></time> elements (client-rendered) for published and updated: dates must come from the JSON/JSON-LD; two authors; summary element; <ol> in a text element; quote with attribution; tweet embed on x.com; €.",
    "black-sea-insurance-images": "Desk byline; two body images (one without a credit); <ul>; <br> inside a paragraph; « » and French accents; bold, italic and an external link; two also-read elements WITH the “Also Read” label; non-lazy images.",
    "vatican-offer-old-arrow": "OLDER arrow spellings with plain <time>; blurb element with bold text; quote element with attribution; YouTube embed; Italian accents and an en dash in the headline; no also-read elements (related is empty).",
    "section-world": "NOT AN ARTICLE: the World section listing (pageType section-page, qt.data.collection.items), story cards (arr--story-card) linking to the article samples.",
    "not-found": "NOT AN ARTICLE: the site’s 404 page (pageType not-found) with nav, footer and a “Trending Now” row of story cards.",
}


def readme(names: list[str]) -> str:
    lines = [
        "# interbellumnews.com samples",
        "",
        "Generated by `uv run python samples/_build/make_samples.py` from Quintype story data in",
        "`samples/_build/stories.py`; never edit these files by hand. Each article page `NAME.html` has",
        "its golden output `NAME.json` (computed from the story data, not by the extractor) and",
        "`NAME.md` (`scraper.render.article_to_markdown` of the JSON). Non-articles have",
        "`NAME.expect` = `not-article`. `urls.txt` lists the canonical URL of every article sample.",
        "",
    ]
    for name in names:
        lines.append(f"- `{name}.html`: {DESCRIPTIONS[name]}")
    return "\n".join(lines) + "\n"
