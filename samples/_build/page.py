# ruff: noqa: E501  (HTML and story text are data; long lines keep them readable)
"""Render a Quintype story (dict) as a full interbellumnews.com page, arrow markup and all."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import chrome
from chrome import Css, svg
from qt import CDN, DOMAIN, HOST, PUBLISHER, TIMEZONE, Element, Story, utc

GIF = "data:image/gif;base64,R0lGODlhAQABAAD/ACwAAAAAAQABAAACADs="
LOGO = "https://media.assettype.com/interbellumnews%2F2024-01%2Flogo.png"


def a(value: str) -> str:
    """Attribute value escaping."""
    return escape(value, quote=True)


def t(value: str) -> str:
    """Text content escaping."""
    return escape(value, quote=False)


# --- sections / config ----------------------------------------------------------------------


def section_obj(name: str, slug: str, parent: str | None = None) -> dict[str, Any]:
    from qt import uid

    return {
        "id": int(uid("section", slug)[:6], 16) % 90000 + 10000,
        "name": name,
        "display-name": name,
        "slug": slug,
        "section-url": f"{HOST}/{slug}",
        "parent-id": None
        if parent is None
        else int(uid("section", parent)[:6], 16) % 90000 + 10000,
        "collection": {"slug": slug, "name": name, "id": int(uid("coll", slug)[:5], 16)},
        "data": {"color": "#b3261e"},
    }


def config() -> dict[str, Any]:
    sections = []
    for name, slug, subs in chrome.SECTIONS:
        sections.append(section_obj(name, slug))
        for n, s in subs:
            sections.append(section_obj(n, f"{slug}/{s}", slug))
    return {
        "cdn-image": CDN,
        "cdn-name": f"https://{CDN}/",
        "sketches-host": HOST,
        "publisher-name": PUBLISHER,
        "publisher-id": 1742,
        "language": {"iso-code": "en", "name": "English", "direction": "ltr"},
        "sections": sections,
        "seo-metadata": [{"owner-type": "home", "data": {"page-title": PUBLISHER}}],
        "theme-attributes": {"logo": LOGO, "structured_data_news_article": True},
        "publisher-attributes": {"timezone": TIMEZONE, "enable_amp": True},
        "social-links": {
            "facebook-url": "https://www.facebook.com/interbellumnews",
            "twitter-url": "https://x.com/interbellumnews",
        },
    }


def serialize_state(state: dict[str, Any]) -> str:
    """JSON as serialize-javascript writes it with isJSON: <, >, / and U+2028/9 escaped."""
    raw = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return (
        raw.replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("/", "\\u002F")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def public_story(story: Story) -> Story:
    """The story as the API returns it (generator-private keys removed)."""

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items() if not k.startswith("_")}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        return value

    return scrub(story)


# --- dates ----------------------------------------------------------------------------------


def jsonld_date(epoch_ms: int) -> str:
    return utc(epoch_ms).strftime("%Y-%m-%dT%H:%M:%SZ")


def local(epoch_ms: int) -> datetime:
    return utc(epoch_ms).astimezone(ZoneInfo(TIMEZONE))


def visible_date(epoch_ms: int) -> str:
    d = local(epoch_ms)
    hour = d.strftime("%I").lstrip("0")
    return f"{d.day} {d.strftime('%b %Y')}, {hour}:{d.strftime('%M')} {d.strftime('%p').lower()}"


def time_tag(epoch_ms: int, variant: str) -> str:
    if variant == "plain":
        return f'<time datetime="{local(epoch_ms).replace(microsecond=0).isoformat()}">{visible_date(epoch_ms)}</time>'
    if variant in ("timeago", "timeago_empty"):
        u = utc(epoch_ms)
        iso = u.strftime("%Y-%m-%dT%H:%M:%S.") + f"{u.microsecond // 1000:03d}Z"
        title = u.strftime("%Y-%m-%d %H:%M")
        label = "" if variant == "timeago_empty" else visible_date(epoch_ms)
        return f'<time class="arr__timeago" datetime="{iso}" title="{title}">{label}</time>'
    if variant == "empty":
        return "<time></time>"
    raise ValueError(variant)


# --- head -----------------------------------------------------------------------------------


def og_image(key: str) -> str:
    return (
        f"https://{CDN}/{quote(key, safe='')}?rect=0%2C0%2C1280%2C720&w=1200&ar=40%3A21"
        "&auto=format%2Ccompress&ogImage=true&mode=crop&enlarge=true"
    )


def article_body(story: Story) -> str:
    texts = [
        el["text"]
        for card in story["cards"]
        for el in card["story-elements"]
        if el["type"] == "text"
    ]
    return ".".join(texts)


def jsonld_script(obj: dict[str, Any]) -> str:
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    raw = raw.replace("<", "&lt;").replace(">", "&gt;")
    return f'<script type="application/ld+json">{raw}</script>'


def jsonld_blocks(story: Story, types: list[str]) -> list[str]:
    sec = story["sections"][0]
    url = story["url"]
    key = story.get("hero-image-s3-key")
    images = [
        {
            "@type": "ImageObject",
            "url": f"https://{CDN}/{quote(key, safe='')}?w=1200&h=675&auto=format%2Ccompress&fit=max&enlarge=true",
            "width": "1200",
            "height": h,
        }
        for h in ("675", "900", "1200")
    ]
    publisher = {
        "@type": "NewsMediaOrganization",
        "@context": "http://schema.org",
        "name": PUBLISHER,
        "url": HOST,
        "logo": {
            "@context": "http://schema.org",
            "@type": "ImageObject",
            "author": PUBLISHER,
            "contentUrl": LOGO,
            "url": LOGO,
            "name": "logo",
            "width": "",
            "height": "",
        },
        "sameAs": [
            "https://www.facebook.com/interbellumnews",
            "https://x.com/interbellumnews",
            "https://t.me/interbellumnews",
        ],
        "id": HOST,
    }
    description = (
        story["seo"].get("meta-description") or story.get("subheadline") or story["headline"]
    )
    authors = [
        {
            "@type": "Person",
            "givenName": au["name"],
            "name": au["name"],
            "url": f"{HOST}/author/{au['slug']}",
        }
        for au in story["authors"]
    ]
    out = [
        {
            "@context": "http://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": HOST},
                {
                    "@type": "ListItem",
                    "position": 2,
                    "name": sec["display-name"],
                    "item": sec["section-url"],
                },
                {"@type": "ListItem", "position": 3, "name": story["headline"], "item": ""},
            ],
        },
        {
            "@context": "http://schema.org",
            "@type": "WebPage",
            "url": url,
            "name": story["seo"].get("meta-title") or story["headline"],
            "description": description,
            "speakable": {
                "@type": "SpeakableSpecification",
                "xpath": ["/html/head/title", "/html/head/meta[@name='description']/@content"],
            },
        },
    ]
    base = {
        "headline": story["headline"],
        "name": story["headline"],
        "image": images,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": publisher,
        "description": description,
        "author": authors,
        "keywords": ",".join(tag["name"] for tag in story["tags"]),
        "thumbnailUrl": f"https://{CDN}/{quote(key, safe='')}?w=1200&auto=format%2Ccompress",
        "articleBody": article_body(story),
        "dateCreated": jsonld_date(story["first-published-at"]),
        "datePublished": jsonld_date(story["first-published-at"]),
        "dateModified": jsonld_date(story["updated-at"]),
        "isPartOf": {
            "@type": "WebPage",
            "url": url,
            "primaryImageOfPage": {
                "@type": "ImageObject",
                "url": images[0]["url"],
                "width": "1200",
                "height": "675",
            },
        },
        "articleSection": sec["display-name"],
        "inLanguage": "en",
        "isAccessibleForFree": True,
    }
    for kind in types:
        obj = {"@context": "http://schema.org", "@type": kind, **base}
        if kind == "NewsArticle":
            obj["alternativeHeadline"] = story.get("subheadline") or ""
        out.append(obj)
    return [jsonld_script(o) for o in out]


def head(story: Story, page: dict[str, Any]) -> str:
    seo = story["seo"]
    title_ = seo.get("meta-title") or story["headline"]
    desc = seo.get("meta-description") or story.get("summary") or ""
    og_title = (
        story.get("alternative", {}).get("social", {}).get("default", {}).get("headline")
        or story["headline"]
    )
    key = story["hero-image-s3-key"]
    img_alt = (
        story.get("hero-image-alt-text")
        or story.get("hero-image-attribution")
        or story.get("summary")
        or story["headline"]
    )
    first = story["authors"][0]
    creator = first.get("social", {}).get("twitter", {}).get("handle") or first["name"]
    metas = [
        f"<title>{t(title_)}</title>",
        f'<link rel="canonical" href="{a(story["url"])}">',
        f'<meta name="author" content="{a(", ".join(x["name"] for x in story["authors"]))}">',
        f'<meta name="description" content="{a(desc)}">',
        f'<meta name="title" content="{a(title_)}">',
        f'<meta name="keywords" content="{a(",".join(x["name"] for x in story["tags"]))}">',
        f'<meta name="news_keywords" content="{a(",".join(x["name"] for x in story["tags"]))}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{a(story["url"])}">',
        f'<meta property="og:title" content="{a(og_title)}">',
        f'<meta property="og:description" content="{a(story.get("summary") or desc)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{a(og_title)}">',
        f'<meta name="twitter:description" content="{a(story.get("summary") or desc)}">',
        '<meta name="robots" content="max-image-preview:large">',
        f'<meta name="twitter:image" content="{a(og_image(key))}">',
        f'<meta property="og:image" content="{a(og_image(key))}">',
        '<meta property="og:image:width" content="1200">',
        f'<meta property="og:image:alt" content="{a(img_alt)}">',
        f'<meta property="twitter:image:alt" content="{a(img_alt)}">',
        f'<meta name="twitter:creator" content="{a(creator)}">',
        '<meta name="twitter:site" content="@interbellumnews">',
        f'<meta name="twitter:domain" content="{DOMAIN}">',
        f'<meta property="og:site_name" content="{PUBLISHER}">',
        '<meta property="fb:app_id" content="428701936187442">',
        '<meta property="fb:pages" content="101864239273518">',
    ]
    metas += jsonld_blocks(story, page["jsonld"])
    metas.append(f'<link rel="amphtml" href="/amp/story/{quote(story["slug"], safe="")}">')
    return (
        "<head>\n"
        + chrome.head_boilerplate()
        + "\n"
        + "\n".join(metas)
        + "\n<style>"
        + chrome.css_noise()
        + "</style>\n"
        + chrome.head_scripts()
        + "\n</head>"
    )


# --- arrow story DOM ------------------------------------------------------------------------


def img_tag(key: str, alt: str, lazy: bool, extra_class: str = "") -> str:
    enc = quote(key, safe="")
    cls = ("qt-image " + extra_class).strip()
    if lazy:
        return (
            f'<img class="{cls}" alt="{a(alt)}" src="{GIF}" '
            f'data-src="https://{CDN}/{enc}?w=640&amp;auto=format%2Ccompress&amp;fit=max" '
            'loading="lazy" width="1200" height="675">'
        )
    srcset = ", ".join(
        f"//{CDN}/{enc}?w={w}&amp;auto=format%2Ccompress {w}w" for w in (480, 640, 960, 1200)
    )
    return (
        f'<img class="{cls}" alt="{a(alt)}" src="//{CDN}/{enc}?w=640&amp;auto=format%2Ccompress" '
        f'srcset="{srcset}" sizes="(max-width: 500px) 98vw, (max-width: 768px) 75vw, 60vw">'
    )


def render_element(el: Element, story: Story, page: dict[str, Any], css: Css) -> str:
    kind, sub = el["type"], el.get("subtype")
    wrap_cls = "arr--element-container " + css("story-element-card", "element-container")
    inner: str
    if kind == "title":
        inner = (
            f'<div class="content-style" id="element-{el["id"]}"><div data-test-id="story-elements">'
            f'<div class="story-element story-element-title"><h2>{t(el["text"])}</h2></div></div></div>'
        )
    elif kind == "image":
        cap = el.get("title") or ""
        attr = el.get("image-attribution") or ""
        attr_html = (
            f'<span data-test-id="attribution" class="{css("caption-attribution", "attribution")}">'
            f"{t(attr)}</span>"
            if attr
            else ""
        )
        inner = (
            f'<div class="arrow-component arr--image-element {css("image", "image-element")}" '
            f'data-test-id="image-element"><figure class="{css("image", "figure")}" '
            'style="padding-top:56.25%">'
            + img_tag(el["image-s3-key"], cap, page["lazy"])
            + "</figure>"
            + f'<div data-test-id="caption" class="arr--caption-attribution {css("caption-attribution", "caption")}">'
            f'<span class="{css("caption-attribution", "caption-text")}">{cap}</span>{attr_html}</div></div>'
        )
    elif kind == "youtube-video":
        vid = el["metadata"]["video-id"]
        inner = (
            f'<div class="content-style" id="video-{el["id"]}"><div data-test-id="story-elements">'
            '<div class="story-element story-element-youtube-video"><div class="youtube-wrapper" '
            'style="position:relative;padding-top:56.25%">'
            f'<iframe title="YouTube video player" src="https://www.youtube.com/embed/{vid}'
            '?enablejsapi=1&amp;rel=0" width="100%" height="100%" frameborder="0" '
            'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" '
            "allowfullscreen></iframe></div></div></div></div>"
        )
    elif kind == "jsembed":
        inner = (
            f'<div class="content-style" id="jsembed-{el["id"]}"><div data-test-id="story-elements">'
            f'<div class="story-element story-element-jsembed story-element-jsembed-{sub}">'
            f'<div class="jsembed-wrapper">{el["_markup"]}</div></div></div></div>'
        )
    elif kind == "text" and sub is None:
        inner = (
            f'<div class="arrow-component arr--text-element {css("text", "textElement", "dark")}" '
            f'data-test-id="text" id="text-element">{el["text"]}</div>'
        )
    elif kind == "text" and sub == "summary":
        inner = (
            f'<div class="arrow-component arr--summary-element {css("summary", "summary", "dark")}" '
            f'data-test-id="summary"><div class="{css("summary", "content")}">{el["text"]}</div></div>'
        )
    elif kind == "text" and sub in ("quote", "blockquote"):
        md = el["metadata"]
        attribution = md.get("attribution") or ""
        if sub == "quote":
            attr_html = (
                f'<div class="arr--attribution {css("quote", "attribution")}" '
                f'data-test-id="quote-attribution">{attribution}</div>'
                if attribution
                else ""
            )
            inner = (
                f'<div class="arrow-component arr--quote-element {css("quote", "quote", "dark")}" '
                f'data-test-id="quote"><div class="{css("quote", "icon")}">{svg("quote", 32)}</div>'
                f'<blockquote class="{css("quote", "content")}">{md["content"]}</blockquote>'
                f"{attr_html}</div>"
            )
        else:
            attr_html = (
                f'<div class="arr--attribution {css("blockquote", "attribution")}" '
                f'data-test-id="blockquote-attribution">{attribution}</div>'
                if attribution
                else ""
            )
            inner = (
                f'<div class="arrow-component arr--block-quote {css("blockquote", "blockquote", "dark")}" '
                f'data-test-id="blockquote"><div class="{css("blockquote", "content")}">'
                f"<blockquote>{md['content']}</blockquote></div>{attr_html}</div>"
            )
    elif kind == "text" and sub == "blurb":
        inner = (
            f'<div class="arrow-component arr--blurb-element {css("blurb", "blurb", "dark")}" '
            f'data-test-id="blurb">{el["text"]}</div>'
        )
    elif kind == "text" and sub == "also-read":
        linked = story["linked-stories"][el["metadata"]["linked-story-id"]]
        alt = strip_html(story.get("hero-image-caption") or "") or story["headline"]
        label = (
            f'<div class="{css("also-read", "title")}" data-test-id="also-read-title">Also Read</div>'
            if el.get("_label")
            else ""
        )
        inner = (
            f'<a class="arrow-component arr--also-read-element {css("also-read", "also-read")}" '
            f'data-test-id="also-read" aria-label="also-read" href="{a(linked["url"])}">'
            f'<div class="{css("also-read", "card-image-wrapper")}"><figure class="{css("also-read", "image")}">'
            + img_tag(linked["hero-image-s3-key"], alt, page["lazy"])
            + f'</figure></div><div class="{css("also-read", "content-wrapper")}">{label}'
            f'<div class="{css("also-read", "headline")}">{t(el["text"])}</div></div></a>'
        )
    else:
        raise ValueError(f"cannot render {kind}/{sub}")
    return f'<div class="{wrap_cls}">{inner}</div>'


def author_card(story: Story, page: dict[str, Any], css: Css) -> str:
    names = []
    for au in story["authors"]:
        href = f"{HOST}/author/{au['slug']}"
        if page["old"]:
            names.append(
                f'<div data-test-id="author-name" class="{css("author-card", "author-name")}">'
                f'<a aria-label="author-name" href="{href}"><h5 class="{css("author-card", "name")}">'
                f"{t(au['name'])}</h5></a></div>"
            )
        else:
            names.append(
                f'<div data-test-id="author-name" class="arr-name-share {css("author-card", "author-name")}">'
                f'<span><a aria-label="author-name" href="{href}">{t(au["name"])}</a></span></div>'
            )
    avatars = "".join(
        f'<a href="{HOST}/author/{au["slug"]}" aria-label="author-image" class="{css("author-card", "avatar")}">'
        f'<img src="https://{CDN}/{quote(au["avatar-s3-key"], safe="")}?w=48&amp;auto=format%2Ccompress" '
        f'alt="{a(au["name"])}" width="48" height="48"></a>'
        for au in story["authors"]
    )
    return (
        f'<div data-test-id="author-card-leftAligned" class="arrow-component arr--author-card '
        f'{css("author-card", "author-card", "template-leftAligned")}">'
        f'<div class="{css("author-card", "avatars")}">{avatars}</div>'
        f'<div class="{css("author-card", "names")}">{"".join(names)}</div></div>'
    )


def read_time(story: Story, css: Css) -> str:
    return (
        f'<div class="arrow-component arr--read-time {css("read-time", "read-time-wrapper")}" '
        f'data-test-id="read-time"><span class="read-time-indicator">{svg("dot", 4)}</span>'
        f"<span>{story['read-time']} min read</span></div>"
    )


def publish_details(story: Story, page: dict[str, Any], css: Css) -> str:
    cls = "arr--publish-details" if page["old"] else "arr-publish-details"
    variant = page["time"]
    pub = ""
    upd = ""
    rt = read_time(story, css)
    if page["show_published"]:
        pub = (
            f'<div data-test-id="publishDetails" class="{css("publish-details", "publish-details")}">'
            f'Published on :&nbsp;<div class="{css("publish-details", "date")}">'
            f"{time_tag(story['first-published-at'], variant)}</div>"
            + ("" if page["show_updated"] else rt)
            + "</div>"
        )
    else:
        pub = f'<div data-test-id="publishDetails" class="{css("publish-details", "publish-details")}"></div>'
    if page["show_updated"]:
        upd = (
            f'<div data-test-id="updateDetails" class="{css("publish-details", "update-details")}">'
            f'Updated on :&nbsp;<div class="{css("publish-details", "date")}">'
            f"{time_tag(story['last-published-at'], variant)}</div>{rt}</div>"
        )
    return (
        f'<div id="publish-details-container-{story["id"]}">'
        f'<div data-test-id="timeStamp" class="arrow-component {cls} {css("publish-details", "timeStamp")}">'
        f"{pub}{upd}</div></div>"
    )


def share(story: Story, css: Css) -> str:
    u = quote(story["url"], safe="")
    h = quote(story["headline"], safe="")
    links = [
        ("facebook", f"https://www.facebook.com/sharer.php?u={u}"),
        ("twitter", f"https://twitter.com/intent/tweet?url={u}&amp;text={h}"),
        ("linkedin", f"https://www.linkedin.com/shareArticle?mini=true&amp;url={u}&amp;title={h}"),
        ("whatsapp", f"https://api.whatsapp.com/send?text={h}%20{u}"),
        ("telegram", f"https://t.me/share/url?url={u}&amp;text={h}"),
    ]
    items = "".join(
        f'<li class="{css("share", "share-icon")}"><a aria-label="{n}-share" href="{href}" '
        f'target="_blank" rel="noopener noreferrer">{svg(n, 20)}</a></li>'
        for n, href in links
    )
    items += (
        f'<li class="{css("share", "share-icon")}"><button aria-label="copy-link" '
        f'data-url="{a(story["url"])}">{svg("copy", 20)}</button></li>'
    )
    return (
        f'<div id="story-share-{story["id"]}" class="content-style"><div class="arrow-component '
        f'arr--share {css("share", "social-share")}" data-test-id="social-share">'
        f'<span class="visually-hidden">Share</span><ul>{items}</ul></div></div>'
    )


def story_card(
    url: str,
    headline: str,
    subheadline: str,
    key: str,
    author: str,
    epoch_ms: int,
    css: Css,
    heading: str = "h6",
) -> str:
    u = utc(epoch_ms)
    iso = u.strftime("%Y-%m-%dT%H:%M:%S.") + f"{u.microsecond // 1000:03d}Z"
    return (
        f'<div class="arrow-component arr--story-card {css("story-card", "story-card")}" '
        'data-test-id="story-card">'
        f'<a class="arr--hero-image" data-test-id="arr--hero-image" aria-label="fallback-hero-image" '
        f'href="{a(url)}"><figure class="arr--responsive-hero-image" style="padding-top:56.25%">'
        + img_tag(key, headline, True)
        + f'</figure></a><div class="{css("story-card", "content")}">'
        f'<div class="arrow-component arr--headline {css("story-card", "headline")}" data-test-id="headline">'
        f'<a aria-label="headline" href="{a(url)}"><{heading} class="arr--headline-text">'
        f"<bdi>{t(headline)}</bdi></{heading}></a></div>"
        + (
            f'<div class="p-alt arr--sub-headline arrow-component" data-test-id="subheadline">{t(subheadline)}</div>'
            if subheadline
            else ""
        )
        + f'<div class="arr--author-time {css("story-card", "author-time")}">'
        f'<div data-test-id="author-name"><span>{t(author)}</span></div>'
        f'<time class="arr__timeago" datetime="{iso}" title="{u.strftime("%Y-%m-%d %H:%M")}">'
        f"{visible_date(epoch_ms)}</time></div></div></div>"
    )


def aside(story: Story, page: dict[str, Any], css: Css) -> str:
    related = page.get("aside_cards", [])
    if related:
        stories = "".join(story_card(*card, css=css) for card in related)
    else:
        stories = f'<div data-test-id="no-stories" class="{css("aside-collection", "no-stories")}">No stories found.</div>'
    return (
        f'<div class="{css("text-story", "aside-collection", "tablet-index-2")}">'
        f'<div class="arrow-component arr--aside-collection {css("aside-collection", "aside-collection")}" '
        f'data-test-id="aside-collection" id="aside-collection-{story["id"]}">'
        f'<div class="arr--collection-name arrow-component {css("aside-collection", "title")}" '
        'data-test-id="collection-name"><h3>Related Stories</h3></div>'
        f'<div class="{css("aside-collection", "stories")}">{stories}</div></div>'
        + chrome.ad_slot("story-sidebar", "300x600")
        + "</div>"
    )


def story_dom(story: Story, page: dict[str, Any], css: Css) -> str:
    sec = story["sections"][0]
    sub_tag = "p" if page["old"] else "div"
    subheadline = (
        f'<{sub_tag} class="p-alt arr--sub-headline arrow-component {css("subheadline", "subheadline", "dark")}" '
        f'data-test-id="subheadline">{t(story["subheadline"])}</{sub_tag}>'
        if story.get("subheadline")
        else ""
    )
    header = (
        f'<div class="{css("text-story", "header-details")}">'
        f'<a class="arrow-component arr--section-name {css("section-tag", "section-name")}" '
        f'aria-label="section-name" href="{sec["section-url"]}">'
        f'<div class="section-tag arrow-component {css("section-tag", "section-tag")}" '
        f'data-test-id="sectionTag">{t(sec["display-name"])}</div></a>'
        f'<div class="arrow-component arr--story-headline {css("story-headline", "wrapper")}">'
        f'<h1 data-testid="story-headline" class="arr--story--headline-h1 {css("story-headline", "headline", "dark")}">'
        f"<bdi>{t(story['headline'])}</bdi></h1></div>{subheadline}</div>"
    )
    caption = story.get("hero-image-caption") or ""
    alt = strip_html(caption) or story["headline"]
    hero = (
        f'<div class="{css("text-story", "story-content-inner-wrapper", "hero-image", "index-2")}">'
        f'<div class="arr--hero-image {css("hero-image", "hero-image")}" data-test-id="arr--hero-image">'
        f'<div class="{css("hero-image", "image-wrapper")}">'
        f'<figure class="arr--responsive-hero-image {css("hero-image", "image")}" style="padding-top:56.25%">'
        + img_tag(story["hero-image-s3-key"], alt, page["lazy"])
        + "</figure></div></div></div>"
    )
    attribution = story.get("hero-image-attribution") or ""
    cap_html = (
        f'<div data-test-id="caption" class="arr--caption-attribution {css("caption-attribution", "caption")}">'
        f'<span class="{css("caption-attribution", "caption-text")}">{caption}</span>'
        + (
            f'<span data-test-id="attribution" class="{css("caption-attribution", "attribution")}">'
            f"{t(attribution)}</span>"
            if attribution
            else ""
        )
        + "</div>"
    )
    cards = []
    for i, card in enumerate(story["cards"]):
        if i and page.get("ads_between_cards", True):
            cards.append(chrome.ad_slot(f"story-mid-{i}"))
        els = "".join(render_element(el, story, page, css) for el in card["story-elements"])
        cards.append(
            f'<div class="arr--story-page-card-wrapper" data-card-id="{card["id"]}">{els}</div>'
        )
    tags = "".join(
        f'<div data-test-id="story-tag" class="{css("story-tags", "tag")}">'
        f'<a aria-label="story-tag-name" href="{HOST}/topic/{tag["slug"]}">{t(tag["name"])}</a></div>'
        for tag in story["tags"]
    )
    body = (
        f'<div class="{css("text-story", "story-content-inner-wrapper")}">'
        + cap_html
        + f'<div class="{css("text-story", "gap-16")}">'
        + author_card(story, page, css)
        + f'<div class="{css("text-story", "timestamp-social-share")}">'
        + publish_details(story, page, css)
        + share(story, css)
        + "</div>"
        + "".join(cards)
        + f'<div class="{css("text-story", "story-tags")}"><div class="arrow-component arr--story-tags '
        f'{css("story-tags", "story-tags")}">{tags}</div></div>' + "</div></div>"
    )
    template = page.get("template", "headline-priority-fullBleed")
    return (
        '<div data-infinite-scroll="0"><div class="infinite-wrapper">'
        f'<div data-test-id="text-story-{template}" class="arrow-component arr-story-grid '
        f'arr--content-wrapper arr--text-story-template-wrapper {css("text-story", "headline-priority")}">'
        + header
        + hero
        + body
        + aside(story, page, css)
        + "</div></div></div>"
        + '<div data-infinite-scroll="load-more"></div>'
    )


def strip_html(html: str) -> str:
    from golden import strip_tags

    return strip_tags(html)


# --- plain semantic DOM (no arrow) -----------------------------------------------------------


def plain_dom(story: Story) -> str:
    """The jsonld-only variant: the same story as bare semantic HTML, no arrow hooks at all."""
    from golden import story_blocks

    parts = []
    for card in story["cards"]:
        for el in card["story-elements"]:
            if el["type"] != "text" or el.get("subtype"):
                raise ValueError("plain_dom handles only plain text elements")
            parts.append(el["text"])
    # Sanity: the plain DOM must carry the same blocks as the JSON-LD articleBody.
    story_blocks(story)
    byline = ", ".join(
        f'<a rel="author" href="{HOST}/author/{au["slug"]}">{t(au["name"])}</a>'
        for au in story["authors"]
    )
    pub = story["first-published-at"]
    upd = story["updated-at"]
    sec = story["sections"][0]
    return (
        '<main id="main-content"><article class="story">'
        f'<p class="kicker"><a href="{sec["section-url"]}">{t(sec["display-name"])}</a></p>'
        f"<h1>{t(story['headline'])}</h1>"
        f'<p class="standfirst">{t(story["subheadline"])}</p>'
        f'<div class="byline">By {byline} · '
        f'<time datetime="{local(pub).replace(microsecond=0).isoformat()}">{visible_date(pub)}</time> · Updated '
        f'<time datetime="{local(upd).replace(microsecond=0).isoformat()}">{visible_date(upd)}</time></div>'
        f'<figure class="lead"><img src="https://{CDN}/{quote(story["hero-image-s3-key"], safe="")}'
        f'?w=960&amp;auto=format%2Ccompress" alt="{a(story["headline"])}" width="960" height="540"></figure>'
        f'<div class="story-body">{"".join(parts)}</div>'
        '<ul class="tags">'
        + "".join(
            f'<li><a href="{HOST}/topic/{tag["slug"]}">{t(tag["name"])}</a></li>'
            for tag in story["tags"]
        )
        + "</ul></article>"
        + '<aside class="sidebar"><h3>Most Read</h3><ol class="most-read">'
        + "".join(
            f'<li><a href="{HOST}/{path}">{t(h)}</a></li>'
            for path, h in [
                (
                    "world/europe/baltic-states-report-drone-incursions",
                    "Baltic States Report New Drone Incursions",
                ),
                (
                    "economy/energy/eu-gas-storage-targets",
                    "EU Gas Storage Targets Eased for Winter",
                ),
                (
                    "politics/diplomacy/vatican-offers-venue",
                    "Vatican Offers Venue for Direct Talks",
                ),
            ]
        )
        + "</ol>"
        + chrome.ad_slot("sidebar-plain", "300x250")
        + "</aside></main>"
    )


# --- whole page -----------------------------------------------------------------------------


def page_html(story: Story, page: dict[str, Any]) -> str:
    css = Css(page["old"])
    sec = story["sections"][0]
    top_date = local(story["last-published-at"]).strftime("%A, %d %B %Y")
    if page["arrow"]:
        content = chrome.ad_slot("story-top", "728x90") + story_dom(story, page, css)
    else:
        content = chrome.ad_slot("story-top", "728x90") + plain_dom(story)
    state_script = ""
    if page["static_page"]:
        data: dict[str, Any] = {"story": public_story(story)}
        if page["time"] == "plain":
            data["timezone"] = TIMEZONE
        state = {
            "qt": {
                "pageType": "story-page",
                "subPageType": "text-story",
                "data": data,
                "config": config(),
                "currentPath": "/" + story["slug"],
                "currentHostUrl": HOST,
                "primaryHostUrl": HOST,
                "isBotRequest": False,
            },
            "header": {"isSidebarVisible": False, "isSearchFormVisible": False},
        }
        state_script = (
            f'<script type="application/json" id="static-page">{serialize_state(state)}</script>\n'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        + head(story, page)
        + f'\n<body class="story-page section-{sec["slug"].replace("/", "-")}">\n'
        '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-IBN7Q2X" height="0" '
        'width="0" style="display:none;visibility:hidden"></iframe></noscript>\n'
        '<div id="fb-root"></div>\n'
        '<div class="page-wrapper">\n'
        + chrome.top_bar(top_date)
        + "\n"
        + chrome.nav_bar(css, sec["slug"].split("/")[0])
        + "\n"
        + chrome.breaking_news(page["arrow"])
        + '\n<div id="container">'
        + content
        + "</div>\n"
        + chrome.footer(css)
        + "\n</div>\n"
        + state_script
        + chrome.body_scripts()
        + "\n</body>\n</html>\n"
    )
