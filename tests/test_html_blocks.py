"""scraper.html_blocks: HTML subtrees and fragments -> contract blocks."""

from __future__ import annotations

from bs4 import BeautifulSoup

from scraper.html_blocks import (
    add_block,
    element_to_blocks,
    embed_from_url,
    fragment_to_blocks,
    image_url,
    inline_markdown,
    normalize_image_url,
)

BASE = "https://interbellumnews.com/world/story"


def blocks(html: str) -> list[dict]:
    return fragment_to_blocks(html, BASE)


def one(html: str) -> dict:
    out = blocks(html)
    assert len(out) == 1, out
    return out[0]


def test_paragraph_inline_markdown_links_emphasis_code() -> None:
    b = one(
        '<p>See <a href="/x/y">the <em>report</em></a>, '
        "<strong>now</strong> and <code>f()</code>.</p>"
    )
    assert b == {
        "type": "paragraph",
        "text": "See the report, now and f().",
        "markdown": "See [the *report*](https://interbellumnews.com/x/y), **now** and `f()`.",
    }


def test_emphasis_whitespace_stays_outside_markers() -> None:
    b = one("<p>a<em> b </em>c<b></b></p>")
    assert b["markdown"] == "a *b* c"
    assert b["text"] == "a b c"


def test_br_is_single_newline_in_text_and_markdown() -> None:
    b = one("<p>line one<br><br>  line <i>two</i><br></p>")
    assert b["text"] == "line one\nline two"
    assert b["markdown"] == "line one\nline *two*"


def test_links_without_usable_href_are_plain_text() -> None:
    b = one('<p><a href="javascript:void(0)">x</a> <a>y</a> <a href="#top">z</a></p>')
    assert b["markdown"] == "x y z"


def test_spans_fonts_leave_no_trace_and_entities_whitespace_normalised() -> None:
    b = one('<p><span style="x"><font>Caf&eacute;</font></span>&nbsp;&nbsp; “quoted” – dash</p>')
    assert b["text"] == "Café “quoted” – dash"
    assert b["markdown"] == b["text"]


def test_headings_levels_h1_becomes_2() -> None:
    out = blocks("<h1>One</h1><h2>Two</h2><h3>Three <em>x</em></h3><h6>Six</h6>")
    assert [(b["level"], b["text"]) for b in out] == [
        (2, "One"),
        (2, "Two"),
        (3, "Three x"),
        (6, "Six"),
    ]


def test_empty_and_repeated_blocks_dropped() -> None:
    out = blocks("<p> </p><p>Same</p><p>Same</p><p>&nbsp;</p><p>Other</p>")
    assert [b["text"] for b in out] == ["Same", "Other"]
    lst: list[dict] = []
    add_block(lst, {"type": "paragraph", "text": "", "markdown": ""})
    assert lst == []


def test_loose_text_between_blocks_becomes_paragraphs() -> None:
    out = blocks("<div>intro <b>bold</b><p>para</p>tail</div>")
    assert [b["markdown"] for b in out] == ["intro **bold**", "para", "tail"]


def test_lists_ordered_and_nested_flattened() -> None:
    out = blocks('<ol><li>one<ul><li>one-a</li></ul></li><li><a href="/t">two</a></li></ol>')
    assert out == [
        {
            "type": "list",
            "ordered": True,
            "items": ["one", "one-a", "two"],
            "items_markdown": ["one", "one-a", "[two](https://interbellumnews.com/t)"],
        }
    ]


def test_blockquote_with_footer_attribution() -> None:
    b = one(
        "<blockquote><p>First “line”.</p><p>Second.</p>"
        "<footer>— Vladimir Putin</footer></blockquote>"
    )
    assert b == {
        "type": "quote",
        "text": "First “line”.\nSecond.",
        "markdown": "First “line”.\nSecond.",
        "attribution": "Vladimir Putin",
    }


def test_blockquote_without_attribution() -> None:
    b = one("<blockquote>Plain quote</blockquote>")
    assert b["type"] == "quote" and b["attribution"] is None and b["text"] == "Plain quote"


def test_lazy_image_prefers_data_src_and_drops_cdn_query() -> None:
    b = one(
        '<figure><img class="qt-image" src="data:image/gif;base64,R0lGOD" '
        'data-src="//media.assettype.com/interbellumnews%2F2025-05%2Fu%2Fa.jpg'
        '?w=640&amp;auto=format%2Ccompress" '
        'alt="Alt text"><figcaption>A caption <span class="credit">Reuters</span>'
        "</figcaption></figure>"
    )
    assert b == {
        "type": "image",
        "url": "https://media.assettype.com/interbellumnews%2F2025-05%2Fu%2Fa.jpg",
        "caption": "A caption",
        "credit": "Reuters",
        "alt": "Alt text",
    }


def test_image_url_rules() -> None:
    soup = BeautifulSoup(
        '<img src="data:image/gif;base64,xx" srcset="/s.jpg 300w, /l.jpg 900w">', "lxml"
    )
    img = soup.find("img")
    assert image_url(img, BASE) == "https://interbellumnews.com/l.jpg"  # type: ignore[arg-type]
    assert normalize_image_url("data:image/png;base64,xx") is None
    assert (
        normalize_image_url("//example.com/a.jpg?w=1", "file:///tmp/x.html")
        == "https://example.com/a.jpg?w=1"
    )
    assert (
        normalize_image_url("https://gumlet.assettype.com/k%2Fa.jpg?w=1200&ar=40%3A21")
        == "https://gumlet.assettype.com/k%2Fa.jpg"
    )


def test_youtube_iframe_and_variants() -> None:
    b = one('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"></iframe>')
    assert b == {
        "type": "embed",
        "provider": "youtube",
        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "text": None,
    }
    for url in ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3"):
        assert embed_from_url(url)["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"  # type: ignore[index]


def test_tweet_blockquote_embed() -> None:
    b = one(
        '<blockquote class="twitter-tweet"><p lang="en">Talks <a href="https://t.co/x">resume</a></p>'
        "&mdash; Someone (@someone) "
        '<a href="https://twitter.com/someone/status/1924?ref_src=twsrc%5Etfw">May 19, 2025</a>'
        "</blockquote>"
        '<script async src="https://platform.twitter.com/widgets.js"></script>'
    )
    assert b == {
        "type": "embed",
        "provider": "twitter",
        "url": "https://twitter.com/someone/status/1924",
        "text": "Talks resume",
    }


def test_other_iframes_and_providers() -> None:
    assert one('<iframe src="https://maps.example.com/embed?q=1"></iframe>') == {
        "type": "embed",
        "provider": "iframe",
        "url": "https://maps.example.com/embed?q=1",
        "text": None,
    }
    fb = embed_from_url(
        "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fp%2F1"
    )
    assert fb == {
        "type": "embed",
        "provider": "facebook",
        "url": "https://www.facebook.com/p/1",
        "text": None,
    }


def test_table_rows_header_first() -> None:
    b = one(
        "<table><thead><tr><th>Year</th><th>Talks</th></tr></thead><tr><td>2022</td><td>Istanbul</td></tr></table>"
    )
    assert b == {"type": "table", "rows": [["Year", "Talks"], ["2022", "Istanbul"]]}


def test_scripts_styles_and_skip_predicate() -> None:
    soup = BeautifulSoup(
        '<div><p>Keep</p><div class="ad-slot"><p>Advertisement</p></div><script>x()</script>'
        "<style>p{}</style><p>Also keep</p></div>",
        "lxml",
    )
    div = soup.find("div")
    out = element_to_blocks(div, BASE, skip=lambda t: "ad-slot" in (t.get("class") or []))  # type: ignore[arg-type]
    assert [b["text"] for b in out] == ["Keep", "Also keep"]


def test_image_inside_paragraph_splits_it() -> None:
    out = blocks('<p>Before<img src="/a.jpg" alt="">after</p>')
    assert [b["type"] for b in out] == ["paragraph", "image", "paragraph"]
    assert out[1]["url"] == "https://interbellumnews.com/a.jpg" and out[1]["alt"] is None


def test_fragment_plain_text_and_inline_markdown_api() -> None:
    assert fragment_to_blocks("Just text &amp; more", BASE) == [
        {"type": "paragraph", "text": "Just text & more", "markdown": "Just text & more"}
    ]
    assert fragment_to_blocks("   ", BASE) == []
    soup = BeautifulSoup('<p>x <a href="https://a.org/q (1)">y</a></p>', "lxml")
    assert inline_markdown(soup.p, BASE) == ("x y", "x [y](https://a.org/q%20%281%29)")  # type: ignore[arg-type]


def test_fragment_parser_batches_and_falls_back_on_malformed_fragments() -> None:
    from scraper.html_blocks import FragmentParser

    good = ["<p>a</p>", "<p>b <i>c</i></p>", "<ul><li>x</li></ul>"]
    parser = FragmentParser(good)
    for frag in good:
        assert fragment_to_blocks(frag, BASE, parser=parser) == fragment_to_blocks(frag, BASE)
    bad = ["<p>a<div>unclosed", "</div><p>stray close</p>", "<table><tr><td>x", "<p>ok</p>"]
    parser = FragmentParser(bad)
    for frag in bad:
        assert fragment_to_blocks(frag, BASE, parser=parser) == fragment_to_blocks(frag, BASE)
    assert [b["text"] for b in fragment_to_blocks(bad[1], BASE, parser=parser)] == ["stray close"]


def test_emoji_images_stay_in_the_running_text() -> None:
    b = one('<p>Great news <img class="emoji" alt="🎉" src="/e.png"> for all</p>')
    assert b == {
        "type": "paragraph",
        "text": "Great news 🎉 for all",
        "markdown": "Great news 🎉 for all",
    }
