"""Regression tests for three leftover defects:

1. Markdown escaping: literal Markdown metacharacters in the page text never change meaning in
   "markdown", "items_markdown", body_markdown or the article Markdown ("text" stays as is);
   link destinations with spaces or parentheses stay one valid link.
2. Captions and credits: a class-less figcaption's caption and credit are kept apart, and text
   on either side of a block-level or ``<br>`` boundary never fuses into one word.
3. URLs: canonical, related, link and image URLs with spaces, quotes or angle brackets come out
   percent-encoded (never double-encoded), so every URL in the output is a valid URL.

Markdown is checked by rendering it with a real CommonMark parser (markdown-it-py, installed
with rich) and comparing what a reader sees with the block's plain text.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from scraper.extract import extract
from scraper.html_blocks import fragment_to_blocks
from scraper.model import Block
from scraper.render import article_to_markdown, block_markdown, blocks_to_markdown
from scraper.urls import absolute_url

BASE = "https://e.com/news/story"
_CM = MarkdownIt("commonmark")
_GFM_TABLES = MarkdownIt("commonmark").enable("table")
_TAG = re.compile(r"<[^>]+>")


def rendered(markdown: str, parser: MarkdownIt = _CM) -> str:
    return parser.render(markdown)


def seen_text(markdown: str) -> str:
    """What a reader of the rendered Markdown sees, whitespace collapsed."""
    out = _TAG.sub("", rendered(markdown))
    return " ".join(html_lib.unescape(out).split())


def para(fragment: str) -> Block:
    blocks = fragment_to_blocks(fragment, BASE)
    assert len(blocks) == 1, blocks
    return blocks[0]


# --------------------------------------------------------------------------- 1. escaping

LITERALS = [
    "5 * 3 = 15 and 2 * 4",
    "_emphasis_ looking text and *stars* too",
    "snake_case_name and __init__ and a_b_",
    "an `inline` backtick and ``two``",
    "a footnote [1] and [text](https://x.org) written out",
    "a tag <b>bold</b> and an autolink <https://x.org> typed in",
    "a backslash \\* before a star and C:\\path\\",
    "**not bold** and ***not either***",
    "# not a heading",
    "## not a heading either",
    "> not a quote",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "2024. The year it happened",
    "3) not a list",
    "--- not a rule",
    "```not a fence",
    "~~~ not a fence",
    "[a]: https://x.org not a definition",
    "!not an image [x] and ![y](z)",
]


@pytest.mark.parametrize("literal", LITERALS)
def test_literal_metacharacters_keep_their_meaning(literal: str) -> None:
    block = para(f"<p>{html_lib.escape(literal, quote=False)}</p>")
    assert block["text"] == literal  # the plain text is never escaped
    out = rendered(block["markdown"])
    assert out.startswith("<p>") and out.count("<p>") == 1, out  # one paragraph, no other block
    for tag in ("<em>", "<strong>", "<code>", "<a ", "<img", "<h", "<ul>", "<ol>", "<hr"):
        assert tag not in out, (tag, out)
    assert seen_text(block["markdown"]) == literal
    # the article writer keeps it as it is (no second escape)
    assert block_markdown(block) == block["markdown"]
    assert seen_text(blocks_to_markdown([block])) == literal


def test_entities_in_the_text_stay_text() -> None:
    # the page shows "&lt;b&gt; &amp;copy; &#42;" literally: the text holds what clean() makes
    # of it, and the Markdown shows exactly that text (no tag, no entity decoded twice)
    block = para("<p>a &amp;lt;b&amp;gt; tag, &amp;amp;copy; and &amp;#42; typed in</p>")
    out = rendered(block["markdown"])
    assert "<b>" not in out and "<em>" not in out
    assert seen_text(block["markdown"]) == block["text"]
    assert "<b>" in block["text"]


def test_escaping_is_minimal_and_readable() -> None:
    assert para("<p>5 * 3 = 15 and 2 * 4</p>")["markdown"] == "5 * 3 = 15 and 2 * 4"
    assert para("<p>call snake_case_name now</p>")["markdown"] == "call snake_case_name now"
    assert para("<p>Hello, world! (a) {b} #tag a-b 1.5 50% a < b</p>")["markdown"] == (
        "Hello, world! (a) {b} #tag a-b 1.5 50% a < b"
    )
    assert para("<p>_emphasis_</p>")["markdown"] == "\\_emphasis\\_"
    assert para("<p>1. first</p>")["markdown"] == "1\\. first"
    assert para("<p># x</p>")["markdown"] == "\\# x"


def test_real_markup_survives_next_to_literals() -> None:
    block = para(
        "<p><em>real</em>* and *fake* <b>bold</b>_x <code>a*b_c `d</code> "
        '<a href="/p">[link]</a> 2 * 3</p>'
    )
    assert block["text"] == "real* and *fake* bold_x a*b_c `d [link] 2 * 3"
    out = rendered(block["markdown"])
    assert out.count("<em>") == 1 and "<em>real</em>" in out
    assert out.count("<strong>") == 1 and "<strong>bold</strong>" in out
    assert "<code>a*b_c `d</code>" in out  # raw inside the code span
    assert '<a href="https://e.com/p">[link]</a>' in out
    assert seen_text(block["markdown"]) == block["text"]


def test_line_starts_after_br_are_escaped() -> None:
    block = para("<p>first line<br>---<br># two<br>- three<br>1. four<br>===</p>")
    assert block["text"] == "first line\n---\n# two\n- three\n1. four\n==="
    out = rendered(block["markdown"])
    assert out.count("<p>") == 1
    for tag in ("<h1>", "<h2>", "<hr", "<ul>", "<ol>"):
        assert tag not in out, out


def test_list_quote_heading_and_table_escaping() -> None:
    blocks = fragment_to_blocks(
        "<h2>C# *and* _under_ #</h2>"
        "<ul><li>1. not nested</li><li>- nor this</li><li>*a* b</li></ul>"
        "<blockquote><p># not a heading</p><p>&gt; nor a quote</p></blockquote>"
        "<table><tr><th>a|b</th><th>*c*</th></tr><tr><td>1</td><td>_d_</td></tr></table>",
        BASE,
    )
    kinds = [b["type"] for b in blocks]
    assert kinds == ["heading", "list", "quote", "table"]
    lst = blocks[1]
    assert lst["items"] == ["1. not nested", "- nor this", "*a* b"]
    md = blocks_to_markdown(blocks)
    out = rendered(md, _GFM_TABLES)
    assert "<h2>C# *and* _under_ #</h2>" in out
    assert out.count("<li>") == 3 and "<ol>" not in out and out.count("<ul>") == 1
    assert "<blockquote>\n<p># not a heading\n&gt; nor a quote</p>\n</blockquote>" in out
    assert "<th>a|b</th>" in out and "<th>*c*</th>" in out and "<td>_d_</td>" in out
    assert "<em>" not in out and "<h1>" not in out


def test_link_destinations_with_spaces_and_parentheses() -> None:
    block = para('<p>See <a href="/wiki/Foo (bar) baz">the page</a> and <a href="/a)b">x</a>.</p>')
    out = rendered(block["markdown"])
    assert out.count("<a ") == 2, out
    assert '<a href="https://e.com/wiki/Foo%20%28bar%29%20baz">the page</a>' in out
    assert '<a href="https://e.com/a%29b">x</a>' in out
    from scraper.render import md_link_destination

    assert md_link_destination("https://e.com/a b(c)<d>") == "https://e.com/a%20b%28c%29%3Cd%3E"


def test_article_markdown_escapes_titles_captions_and_related() -> None:
    article: dict[str, Any] = {
        "title": "# 5 * 3 [draft]",
        "subtitle": "_not emphasis_",
        "lead_image": {
            "url": "https://e.com/a b.jpg",
            "caption": "*stars* [1]",
            "credit": None,
            "alt": "alt ] text",
        },
        "body_markdown": "body",
        "related": [{"title": "Foo *bar* [x]", "url": "https://e.com/wiki/Foo_(bar)"}],
    }
    md = article_to_markdown(article)
    body = md.split("\n---\n", 1)[1]
    out = rendered(body)
    assert "<h1># 5 * 3 [draft]</h1>" in out
    assert "<em>_not emphasis_</em>" in out
    assert '<img src="https://e.com/a%20b.jpg" alt="alt ] text" />' in out
    assert "<em>*stars* [1]</em>" in out
    assert '<a href="https://e.com/wiki/Foo_%28bar%29">Foo *bar* [x]</a>' in out


def test_md_escape_helpers() -> None:
    from scraper.render import md_escape, md_escape_inline

    assert md_escape("# a *b* c") == "\\# a \\*b\\* c"
    assert md_escape_inline("a_b * c") == "a_b * c"
    assert md_escape_inline("*") == "\\*"  # at a run's edge the context is unknown
    text = "1. *x* and `y`\n> z"
    assert seen_text(md_escape(text)) == " ".join(text.split())


def test_plain_text_bodies_from_other_layers_are_escaped() -> None:
    # a fragment without markup (story JSON text, JSON-LD articleBody) is escaped too
    blocks = fragment_to_blocks("1. *not* a list", BASE)
    assert blocks == [
        {"type": "paragraph", "text": "1. *not* a list", "markdown": "1\\. \\*not\\* a list"}
    ]
    from scraper.extract.jsonld import body_blocks

    jb = body_blocks("# not a heading *x*\n\nsecond _para_", BASE)
    assert [b["text"] for b in jb] == ["# not a heading *x*", "second _para_"]
    assert [seen_text(b["markdown"]) for b in jb] == [b["text"] for b in jb]
    assert "<h1>" not in rendered(blocks_to_markdown(jb))


# --------------------------------------------------------------------------- 2. captions


def figure(caption_html: str) -> Block:
    blocks = fragment_to_blocks(
        f"<figure><img src='/a.jpg' alt='x'><figcaption>{caption_html}</figcaption></figure>",
        BASE,
    )
    assert len(blocks) == 1 and blocks[0]["type"] == "image", blocks
    return blocks[0]


@pytest.mark.parametrize(
    ("caption_html", "caption", "credit"),
    [
        (
            "A bulk carrier at the port of Odesa<span>Reuters</span>",
            "A bulk carrier at the port of Odesa",
            "Reuters",
        ),
        (
            "<span>A bulk carrier at Odesa</span><span>Reuters</span>",
            "A bulk carrier at Odesa",
            "Reuters",
        ),
        (
            "A bulk carrier at Odesa<small>Photo: Reuters</small>",
            "A bulk carrier at Odesa",
            "Photo: Reuters",
        ),
        ("A bulk carrier at Odesa <cite>AFP</cite>", "A bulk carrier at Odesa", "AFP"),
        ("A bulk carrier at Odesa. Photo: Reuters", "A bulk carrier at Odesa.", "Reuters"),
        ("A bulk carrier at Odesa © Reuters", "A bulk carrier at Odesa", "Reuters"),
        ("A bulk carrier at Odesa (Photo: J. Doe/AP)", "A bulk carrier at Odesa", "J. Doe/AP"),
        ("A bulk carrier<span role='doc-credit'>Reuters</span>", "A bulk carrier", "Reuters"),
        ("A bulk carrier | <span class='copyright'>Reuters</span>", "A bulk carrier", "Reuters"),
        # not credits: a span inside the running caption text, a caption without a credit
        ("Talks in <span>Geneva</span>", "Talks in Geneva", None),
        ("Talks in Geneva on Monday", "Talks in Geneva on Monday", None),
    ],
)
def test_caption_and_credit_kept_apart(caption_html: str, caption: str, credit: str | None) -> None:
    image = figure(caption_html)
    assert (image["caption"], image["credit"]) == (caption, credit)


def test_split_credit_text() -> None:
    from scraper.html_blocks import split_credit_text

    assert split_credit_text("Boats at dawn. Photograph by Jane Doe") == (
        "Boats at dawn.",
        "Jane Doe",
    )
    assert split_credit_text("Photographers at work in Kyiv") == (
        "Photographers at work in Kyiv",
        None,
    )


def test_block_edges_inside_inline_content_separate_words() -> None:
    assert figure("A bulk carrier<div>Reuters</div>")["caption"] == "A bulk carrier Reuters"
    lst = fragment_to_blocks(
        "<ul><li>one<div>two</div><p>three</p>four<h4>five</h4>six"
        "<blockquote>seven</blockquote>eight<dl><dt>nine</dt></dl>ten</li></ul>",
        BASE,
    )[0]
    assert lst["items"] == ["one two three four five six seven eight nine ten"]
    assert figure("Caption<header>Credit line</header>")["caption"] == "Caption Credit line"
    h = fragment_to_blocks("<h2>Part<br>one<span>two</span></h2>", BASE)[0]
    assert h["text"] == "Part onetwo"  # <br> is a space in a heading; inline spans join
    table = fragment_to_blocks(
        "<table><tr><td><p>a</p><p>b</p></td><td>c<br>d</td></tr></table>", BASE
    )[0]
    assert table["rows"] == [["a b", "c d"]]
    q = fragment_to_blocks("<blockquote><p>x<ul><li>y</li></ul></p></blockquote>", BASE)[0]
    assert "xy" not in q["text"]


_GENERIC_PAGE = """<!doctype html><html lang="en"><head>
<meta property="og:image" content="https://e.com/img/lead photo.jpg">
<link rel="canonical" href="https://e.com/news/a story?x=&quot;1&quot;">
</head><body><header><nav><a href="/">Home</a></nav></header>
<main><article>
<h1>Harbour<br>reopens after the storm</h1>
<figure><img src="/img/lead photo.jpg" alt="The harbour">
<figcaption>Boats in the harbour at dawn<span>Reuters</span></figcaption></figure>
<p>The harbour reopened on Monday after a week of repairs, the port authority said in a
statement, and the first ferries left on time.</p>
<figure><img src="/img/pier two.jpg" alt="The pier">
<figcaption><span>The new pier</span><span>Kremlin.ru</span></figcaption></figure>
<p>Repairs cost 5 * 3 = 15 million euros, and the <a href="/docs/report (final).pdf">final
report</a> lists every item that was replaced or rebuilt.</p>
<p>_Officials_ said more work is planned for the spring, when the weather allows divers to
inspect the foundations of the outer wall.</p>
</article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/news/other story">Other story about the harbour and the storm</a></li>
</ul></aside></main></body></html>"""

_VALID_URL = re.compile(r"^https?://[^\s\"<>`{}]+$")


def test_generic_title_and_byline_text_break_at_block_edges() -> None:
    from scraper.extract import generic
    from scraper.extract.document import Document
    from scraper.model import Article

    page = _GENERIC_PAGE.replace(
        "<h1>Harbour<br>reopens after the storm</h1>",
        "<h1><span>Harbour</span><br><span>reopens</span><div>after the storm</div></h1>",
    )
    article = Article(url="https://e.com/news/a-story")
    generic.fill(Document.parse(page, article.url), article)
    assert article.title == "Harbour reopens after the storm"


def test_generic_page_end_to_end() -> None:
    article = extract(_GENERIC_PAGE, "https://e.com/news/a-story").to_dict()
    assert article["extractor"] == "generic"
    assert article["title"] == "Harbour reopens after the storm"
    lead = article["lead_image"]
    assert lead["url"] == "https://e.com/img/lead%20photo.jpg"
    # the generic layer on its own reads the lead figure's caption and credit
    from scraper.extract import generic
    from scraper.extract.document import Document
    from scraper.model import Article

    alone = Article(url="https://e.com/news/a-story")
    generic.fill(Document.parse(_GENERIC_PAGE, alone.url), alone)
    assert alone.lead_image is not None
    assert alone.lead_image.url == "https://e.com/img/lead%20photo.jpg"
    assert (alone.lead_image.caption, alone.lead_image.credit) == (
        "Boats in the harbour at dawn",
        "Reuters",
    )
    assert alone.title == "Harbour reopens after the storm"
    images = [b for b in article["blocks"] if b["type"] == "image"]
    assert [(b["url"], b["caption"], b["credit"]) for b in images] == [
        ("https://e.com/img/pier%20two.jpg", "The new pier", "Kremlin.ru")
    ]
    assert article["canonical_url"] == "https://e.com/news/a%20story?x=%221%22"
    urls = [article["canonical_url"], lead["url"]] + [b["url"] for b in images]
    urls += [r["url"] for r in article["related"]]
    urls += re.findall(r"\]\(([^)]*)\)", article["body_markdown"])
    assert len(urls) >= 5
    for url in urls:
        assert _VALID_URL.match(url), url
    out = rendered(article["body_markdown"])
    # the image note is the only emphasis: "5 * 3" and "_Officials_" are literal
    assert out.count("<em>") == 1 and "<em>The new pier — Kremlin.ru</em>" in out
    assert "5 * 3 = 15" in out and "<p>_Officials_ said" in out
    assert '<a href="https://e.com/docs/report%20%28final%29.pdf">final report</a>' in out
    assert "OdesaReuters" not in article["body_text"] and "pierKremlin" not in str(article)
    md = rendered(article_to_markdown(alone).split("\n---\n", 1)[1])
    assert "<em>Boats in the harbour at dawn — Reuters</em>" in md
    assert "<em>The new pier — Kremlin.ru</em>" in md


# --------------------------------------------------------------------------- 3. URLs


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("a b", "https://e.com/x/", "https://e.com/x/a%20b"),
        ("https://e.com/a b", None, "https://e.com/a%20b"),
        ('/q?x="1"&y=<2>', "https://e.com", "https://e.com/q?x=%221%22&y=%3C2%3E"),
        ("/already%20encoded%2Fkey", "https://e.com", "https://e.com/already%20encoded%2Fkey"),
        ("/100% sure", "https://e.com", "https://e.com/100%25%20sure"),
        ("/a\n/b\tc", "https://e.com", "https://e.com/a/bc"),
        ("/{x}`y`", "https://e.com", "https://e.com/%7Bx%7D%60y%60"),
        ("/plain/path?q=1#frag", "https://e.com", "https://e.com/plain/path?q=1#frag"),
        ("/é", "https://e.com", "https://e.com/é"),
        ("rel", "https://e.com/dir with space/page", "https://e.com/dir%20with%20space/rel"),
    ],
)
def test_absolute_url_percent_encodes_unsafe_characters(
    href: str, base: str | None, expected: str
) -> None:
    assert absolute_url(href, base) == expected
    assert absolute_url(expected, None) == expected  # idempotent: no double encoding


def test_full_pipeline_lead_image_gains_figure_caption_and_credit() -> None:
    """og:image sets the lead image first; the generic layer's figure adds caption and credit."""
    from scraper.extract import extract

    paragraphs = "".join(
        f"<p>Paragraph {i} of the story has enough words to count as real body text here.</p>"
        for i in range(8)
    )
    html = (
        "<html lang='en'><head><title>Harbour reopens | Daily</title>"
        "<meta property='og:image' content='https://img.example.org/harbour.jpg?w=1200'>"
        "</head><body><article><h1>Harbour reopens</h1>"
        "<figure><img src='https://img.example.org/harbour.jpg?w=600' alt='The harbour'>"
        "<figcaption>Ships return to the harbour.<span class='credit'>Jane Roe</span>"
        "</figcaption></figure>"
        f"{paragraphs}</article></body></html>"
    )
    article = extract(html, "https://example.org/news/harbour-reopens")
    assert article.lead_image is not None
    assert article.lead_image.url == "https://img.example.org/harbour.jpg?w=1200"
    assert article.lead_image.caption == "Ships return to the harbour."
    assert article.lead_image.credit == "Jane Roe"
