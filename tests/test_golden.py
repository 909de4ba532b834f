"""Every sample page against its hand-checked golden JSON and Markdown.

``samples/interbellumnews/NAME.html`` with ``NAME.json`` (and ``NAME.md``): the whole
``Article.to_dict()`` and ``article_to_markdown`` output must match exactly. A page with
``NAME.expect`` containing ``not-article`` must raise NotArticle.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.errors import NotArticle
from scraper.extract import extract
from scraper.render import article_to_markdown

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "interbellumnews"
PAGES = sorted(SAMPLES.glob("*.html")) if SAMPLES.is_dir() else []
ARTICLES = [p for p in PAGES if p.with_suffix(".json").exists()]
NOT_ARTICLES = [
    p
    for p in PAGES
    if p.with_suffix(".expect").exists()
    and p.with_suffix(".expect").read_text().strip() == "not-article"
]


def _url_for(page: Path, golden: dict | None = None) -> str:
    if golden and golden.get("url"):
        return golden["url"]
    urls = SAMPLES / "urls.txt"
    if urls.exists():
        for line in urls.read_text().splitlines():
            bits = line.split()
            if len(bits) >= 2 and bits[0] == page.name:
                return bits[1]
    return f"https://interbellumnews.com/{page.stem}"


def test_samples_present() -> None:
    assert any(p.name == "putin-trump-call.html" for p in ARTICLES)


@pytest.mark.parametrize("page", ARTICLES, ids=lambda p: p.stem)
def test_golden_json(page: Path) -> None:
    golden = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract(page.read_bytes(), _url_for(page, golden))
    got = article.to_dict()
    for key in golden:  # field by field first, for a readable failure
        assert got.get(key) == golden[key], key
    assert got == golden


@pytest.mark.parametrize(
    "page", [p for p in ARTICLES if p.with_suffix(".md").exists()], ids=lambda p: p.stem
)
def test_golden_markdown(page: Path) -> None:
    golden = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract(page.read_bytes(), _url_for(page, golden))
    assert article_to_markdown(article) == page.with_suffix(".md").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", NOT_ARTICLES, ids=lambda p: p.stem)
def test_not_articles(page: Path) -> None:
    with pytest.raises(NotArticle):
        extract(page.read_bytes(), _url_for(page))


SEED_PARAGRAPH_STARTS = [
    "Russian President Vladimir Putin described",
    "The call, which focused",
    "Speaking to reporters shortly",
    "“Russia supports a peaceful resolution",
    "Putin revealed that he and Trump",
    "Putin stated that Moscow will soon",
    "The proposal follows",
    "The Kremlin acknowledged",
    "While Zelensky had initially",
    "Putin concluded that the situation",
    "“The issue is, of course,",
    "Whether a long-term resolution",
]
SEED_HEADINGS = [
    "Putin: “We’re on the right track”",
    "Russia proposes peace framework",
    "Trump’s influence in the peace process",
    "Outlook: Real compromise or fragile optics?",
]


def test_seed_acceptance() -> None:
    """Issue 2 'done when': the seed's text, in order, and none of the chrome."""
    page = SAMPLES / "putin-trump-call.html"
    a = extract(page.read_bytes(), _url_for(page))
    assert a.title == "Putin Hails ‘Very Useful’ Two-Hour Call With Trump on Ukraine Peace Talks"
    assert (
        a.subtitle == "Russia signals openness to ceasefire and long-term peace agreement with Kiev"
    )
    paragraphs = [b["text"] for b in a.blocks if b["type"] == "paragraph"]
    assert len(paragraphs) == len(SEED_PARAGRAPH_STARTS)
    for text, start in zip(paragraphs, SEED_PARAGRAPH_STARTS, strict=True):
        assert text.startswith(start)
    assert [b["text"] for b in a.blocks if b["type"] == "heading"] == SEED_HEADINGS
    quotes = [b for b in a.blocks if b["type"] == "quote"]
    assert len(quotes) == 1 and quotes[0]["text"].startswith("“Russia will propose")
    assert [r.title for r in a.related] == [
        "Russian Offensive Advances as Worlds Focus Is on Trump-Putin Call",
        "Europe, Ukraine Rush to Influence Trump Ahead of Putin Call",
        "Trump Announces Planned Monday Call with President Putin",
    ]
    assert a.lead_image is not None and a.lead_image.credit == "Kremlin.ru"
    assert "Kremlin.ru" not in a.authors
    body = a.body_text
    for chrome in (
        "Updated on",
        "min read",
        "Related Stories",
        "No stories found",
        "Inter Bellum News",
        "interbellumnews.com",
        "Kremlin.ru",
        a.title,
    ):
        assert chrome not in body, chrome
