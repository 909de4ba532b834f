# ruff: noqa: E501  (HTML and story text are data; long lines keep them readable)
"""Page chrome shared by every sample: head boilerplate, CSS noise, nav bar, footer, scripts, ads.

It exists to make the samples as heavy and noisy as real Quintype Bold pages, so that the extractor
is tested against menus, share widgets, ads and footers that must never reach an article.
"""

from __future__ import annotations

from html import escape

from qt import DOMAIN, HOST, PUBLISHER, short_hash

SECTIONS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("World", "world", [("Europe", "europe"), ("Middle East", "middle-east"), ("Asia", "asia")]),
    ("Politics", "politics", [("Elections", "elections"), ("Diplomacy", "diplomacy")]),
    ("Economy", "economy", [("Energy", "energy"), ("Trade", "trade"), ("Markets", "markets")]),
    ("Defence", "defence", [("NATO", "nato"), ("Arms Control", "arms-control")]),
    ("Analysis", "analysis", []),
    ("Opinion", "opinion", [("Columns", "columns"), ("Letters", "letters")]),
    ("History", "history", []),
    ("Video", "video", []),
]

SVG_PATHS = {
    "facebook": "M22.675 0H1.325C.593 0 0 .593 0 1.325v21.351C0 23.407.593 24 1.325 24H12.82v-9.294H9.692v-3.622h3.128V8.413c0-3.1 1.893-4.788 4.659-4.788 1.325 0 2.463.099 2.795.143v3.24l-1.918.001c-1.504 0-1.795.715-1.795 1.763v2.313h3.587l-.467 3.622h-3.12V24h6.116c.73 0 1.323-.593 1.323-1.324V1.325C24 .593 23.407 0 22.675 0z",
    "twitter": "M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z",
    "linkedin": "M20.447 20.452h-3.554v-5.569c0-1.328-.027-3.037-1.852-3.037-1.853 0-2.136 1.445-2.136 2.939v5.667H9.351V9h3.414v1.561h.046c.477-.9 1.637-1.85 3.37-1.85 3.601 0 4.267 2.37 4.267 5.455v6.286zM5.337 7.433c-1.144 0-2.063-.926-2.063-2.065 0-1.138.92-2.063 2.063-2.063 1.14 0 2.064.925 2.064 2.063 0 1.139-.925 2.065-2.064 2.065zm1.782 13.019H3.555V9h3.564v11.452zM22.225 0H1.771C.792 0 0 .774 0 1.729v20.542C0 23.227.792 24 1.771 24h20.451C23.2 24 24 23.227 24 22.271V1.729C24 .774 23.2 0 22.222 0h.003z",
    "whatsapp": "M17.472 14.382c-.297-.149-1.758-.867-2.03-.967-.273-.099-.471-.148-.67.15-.197.297-.767.966-.94 1.164-.173.199-.347.223-.644.075-.297-.15-1.255-.463-2.39-1.475-.883-.788-1.48-1.761-1.653-2.059-.173-.297-.018-.458.13-.606.134-.133.298-.347.446-.52.149-.174.198-.298.298-.497.099-.198.05-.371-.025-.52-.075-.149-.669-1.612-.916-2.207-.242-.579-.487-.5-.669-.51-.173-.008-.371-.01-.57-.01-.198 0-.52.074-.792.372-.272.297-1.04 1.016-1.04 2.479 0 1.462 1.065 2.875 1.213 3.074.149.198 2.096 3.2 5.077 4.487.709.306 1.262.489 1.694.625.712.227 1.36.195 1.871.118.571-.085 1.758-.719 2.006-1.413.248-.694.248-1.289.173-1.413-.074-.124-.272-.198-.57-.347z",
    "telegram": "M11.944 0A12 12 0 0 0 0 12a12 12 0 0 0 12 12 12 12 0 0 0 12-12A12 12 0 0 0 12 0a12 12 0 0 0-.056 0zm4.962 7.224c.1-.002.321.023.465.14a.506.506 0 0 1 .171.325c.016.093.036.306.02.472-.18 1.898-.962 6.502-1.36 8.627-.168.9-.499 1.201-.82 1.23-.696.065-1.225-.46-1.9-.902-1.056-.693-1.653-1.124-2.678-1.8-1.185-.78-.417-1.21.258-1.91.177-.184 3.247-2.977 3.307-3.23.007-.032.014-.15-.056-.212s-.174-.041-.249-.024c-.106.024-1.793 1.14-5.061 3.345-.48.33-.913.49-1.302.48-.428-.008-1.252-.241-1.865-.44-.752-.245-1.349-.374-1.297-.789.027-.216.325-.437.893-.663 3.498-1.524 5.83-2.529 6.998-3.014 3.332-1.386 4.025-1.627 4.476-1.635z",
    "copy": "M16 1H4c-1.1 0-2 .9-2 2v14h2V3h12V1zm3 4H8c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h11c1.1 0 2-.9 2-2V7c0-1.1-.9-2-2-2zm0 16H8V7h11v14z",
    "search": "M15.5 14h-.79l-.28-.27A6.471 6.471 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z",
    "menu": "M3 18h18v-2H3v2zm0-5h18v-2H3v2zm0-7v2h18V6H3z",
    "quote": "M6.5 10c-.223 0-.437.034-.65.065.069-.232.14-.468.254-.68.114-.308.292-.575.469-.844.148-.291.409-.488.601-.737.201-.242.475-.403.692-.604.213-.21.492-.315.714-.463.232-.133.434-.28.65-.35l.539-.222.474-.197-.485-1.938-.597.144c-.191.048-.424.104-.689.171-.271.05-.56.187-.882.312-.318.142-.686.238-1.028.466-.344.218-.741.4-1.091.692-.339.301-.748.562-1.05.945-.33.358-.656.734-.909 1.162-.293.408-.492.856-.702 1.299-.19.443-.343.896-.468 1.336-.237.882-.343 1.72-.384 2.437-.034.718-.014 1.315.028 1.747.015.204.043.402.063.539l.025.168.026-.006A4.5 4.5 0 1 0 6.5 10z",
    "dot": "M4 0a4 4 0 1 0 0 8 4 4 0 0 0 0-8z",
}


def svg(name: str, size: int = 24, label: str | None = None) -> str:
    aria = f' aria-label="{escape(label)}" role="img"' if label else ' aria-hidden="true"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 24 24"{aria}><path fill="currentColor" d="{SVG_PATHS[name]}"></path></svg>'
    )


class Css:
    """Hashed CSS-module class names: new arrow 'file-m_name__hash', old 'file-m__name__hash'."""

    def __init__(self, old: bool) -> None:
        self.sep = "-m__" if old else "-m_"

    def __call__(self, file: str, *names: str) -> str:
        return " ".join(f"{file}{self.sep}{n}__{short_hash(file, n)}" for n in names)


def css_noise() -> str:
    """A large inline stylesheet like the one Bold inlines (critical CSS of arrow modules)."""
    modules = {
        "text-story": ["header-details", "story-content-inner-wrapper", "gap-16", "hero-image"],
        "story-headline": ["headline", "wrapper", "dark", "light"],
        "subheadline": ["subheadline", "dark", "light"],
        "text": ["textElement", "dark", "light", "first-element"],
        "publish-details": ["date", "timeStamp", "publish-details", "update-details"],
        "hero-image": ["image-wrapper", "hero-image", "image"],
        "author-card": ["author-card", "author-name", "avatar", "template-leftAligned"],
        "story-element-card": ["element-container", "story-card"],
        "also-read": ["also-read", "card-image-wrapper", "content-wrapper", "headline", "title"],
        "aside-collection": ["aside-collection", "stories", "no-stories", "title"],
        "share": ["share", "share-icon", "social-share"],
        "story-card": ["story-card", "content", "headline", "author-time"],
        "quote": ["quote", "content", "attribution", "icon"],
        "blurb": ["blurb", "content"],
        "nav": ["menu", "menu-item", "dropdown", "hamburger", "logo"],
        "footer": ["footer", "links", "copyright", "social"],
    }
    rules: list[str] = [
        ":root{--arrow-c-brand1:#b3261e;--arrow-c-mono1:#0d0d0d;--arrow-c-mono2:#333;"
        "--arrow-c-mono3:#555;--arrow-c-mono4:#999;--arrow-c-mono5:#ddd;--arrow-c-mono6:#f4f4f4;"
        "--arrow-fw-bold:700;--arrow-fw-semi-bold:600;--arrow-typography-primary:'Merriweather',serif;"
        "--arrow-typography-secondary:'Source Sans Pro',sans-serif}",
        "*,:after,:before{box-sizing:border-box}body{margin:0;font-family:var(--arrow-typography-secondary)}",
        ".arrow-component{font-family:var(--arrow-typography-secondary);line-height:1.5}",
        ".arr--story-page-card-wrapper{margin-bottom:24px}",
        ".qt-image{width:100%;height:100%;object-fit:cover;position:absolute;top:0;left:0}",
        ".ad-slot-wrapper{display:flex;flex-direction:column;align-items:center;margin:24px 0}",
        ".ad-label{font-size:10px;letter-spacing:.1em;text-transform:uppercase;color:#999}",
    ]
    props = [
        "display:flex",
        "margin:0 auto",
        "padding:8px 16px",
        "color:var(--arrow-c-mono2)",
        "font-size:var(--arrow-fs-s)",
        "line-height:1.6",
        "position:relative",
        "font-weight:var(--arrow-fw-bold)",
        "border-bottom:1px solid var(--arrow-c-mono5)",
        "grid-template-columns:repeat(4,1fr)",
        "text-decoration:none",
        "gap:var(--arrow-spacing-m)",
    ]
    for file, names in modules.items():
        for i, name in enumerate(names):
            for old in (False, True):
                cls = Css(old)(file, name)
                body = ";".join(props[(i + j + len(file)) % len(props)] for j in range(4))
                rules.append(f".{cls}{{{body}}}")
                for bp in (768, 1024):
                    rules.append(
                        f"@media (min-width:{bp}px){{.{cls}{{{props[(i + bp) % len(props)]};"
                        f"max-width:{bp + 56}px}}}}"
                    )
                rules.append(f"[dir=rtl] .{cls}{{text-align:right}}")
    return "\n".join(rules)


def head_boilerplate() -> str:
    return "\n".join(
        [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=5">',
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
            '<meta name="theme-color" content="#b3261e">',
            '<meta name="apple-mobile-web-app-capable" content="yes">',
            f'<meta name="apple-mobile-web-app-title" content="{PUBLISHER}">',
            '<link rel="preconnect" href="https://media.assettype.com" crossorigin>',
            '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>',
            '<link rel="dns-prefetch" href="https://www.googletagmanager.com">',
            '<link rel="dns-prefetch" href="https://securepubads.g.doubleclick.net">',
            '<link rel="dns-prefetch" href="https://platform.twitter.com">',
            '<link rel="manifest" href="/manifest.json">',
            '<link rel="icon" type="image/png" sizes="32x32" href="https://media.assettype.com/interbellumnews%2F2024-01%2Ffavicon-32.png">',
            '<link rel="apple-touch-icon" href="https://media.assettype.com/interbellumnews%2F2024-01%2Fapple-touch-icon.png">',
            '<link rel="preload" as="font" type="font/woff2" crossorigin href="https://fonts.gstatic.com/s/merriweather/v30/u-440qyriQwlOrhSvowK_l5-fCZM.woff2">',
            '<link rel="preload" as="script" href="/interbellumnews/assets/app-4f9c2e1d7a.js">',
            '<link rel="stylesheet" href="/interbellumnews/assets/app-4f9c2e1d7a.css" media="print" onload="this.media=\'all\'">',
        ]
    )


def head_scripts() -> str:
    return "\n".join(
        [
            '<script async src="https://www.googletagmanager.com/gtag/js?id=G-IBN7Q2X4PZ"></script>',
            "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
            "gtag('js',new Date());gtag('config','G-IBN7Q2X4PZ',{page_type:'story',anonymize_ip:true});</script>",
            '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>',
            "<script>window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function(){"
            "googletag.pubads().enableSingleRequest();googletag.pubads().collapseEmptyDivs();"
            "googletag.pubads().setTargeting('site','interbellumnews');googletag.enableServices();});</script>",
            "<script>(function(w,d){var q=w.qlitics=w.qlitics||function(){(q.q=q.q||[]).push(arguments)};"
            "var s=d.createElement('script');s.async=1;s.src='https://prod-qlitics.quintype.io/qlitics.js';"
            "d.head.appendChild(s);})(window,document);qlitics('init');</script>",
        ]
    )


def ad_slot(slot: str, size: str = "300x250") -> str:
    div_id = f"div-gpt-ad-1716{short_hash('ad', slot, n=4)}-{slot}"
    w, h = size.split("x")
    return (
        f'<div class="ad-slot-wrapper ad-{slot}" data-ad-slot="{slot}">'
        '<div class="ad-label">Advertisement</div>'
        f'<div id="{div_id}" class="adunit" style="min-width:{w}px;min-height:{h}px"></div>'
        f'<script>googletag.cmd.push(function(){{googletag.defineSlot("/21849154601/interbellumnews/{slot}",'
        f'[{w},{h}],"{div_id}").addService(googletag.pubads());googletag.display("{div_id}");}});</script>'
        "</div>"
    )


def top_bar(date_label: str) -> str:
    socials = "".join(
        f'<li><a href="{href}" target="_blank" rel="noopener noreferrer" aria-label="{name}">'
        f"{svg(icon, 16, name)}</a></li>"
        for name, icon, href in [
            ("Facebook", "facebook", "https://www.facebook.com/interbellumnews"),
            ("X", "twitter", "https://x.com/interbellumnews"),
            ("Telegram", "telegram", "https://t.me/interbellumnews"),
            ("LinkedIn", "linkedin", "https://www.linkedin.com/company/interbellumnews"),
        ]
    )
    return (
        '<div class="top-bar"><div class="top-bar-inner">'
        f'<span class="top-bar-date">{date_label}</span>'
        '<ul class="top-bar-links"><li><a href="/about-us">About</a></li>'
        '<li><a href="/newsletter">Newsletter</a></li><li><a href="/contact-us">Contact</a></li></ul>'
        f'<ul class="top-bar-social">{socials}</ul></div></div>'
    )


def nav_bar(css: Css, active: str | None = None) -> str:
    items = []
    for name, slug, subs in SECTIONS:
        cls = css("nav", "menu-item") + (" active" if slug == active else "")
        sub_html = ""
        if subs:
            sub_items = "".join(
                f'<li><a href="{HOST}/{slug}/{s}" class="{css("nav", "dropdown")}">{n}</a></li>'
                for n, s in subs
            )
            sub_html = f'<ul class="dropdown-menu">{sub_items}</ul>'
        items.append(f'<li class="{cls}"><a href="{HOST}/{slug}">{name}</a>{sub_html}</li>')
    hamburger = "".join(
        f'<li><a href="{HOST}/{slug}">{name}</a></li>' for name, slug, _ in SECTIONS
    ) + "".join(
        f'<li><a href="{HOST}/{p}">{t}</a></li>'
        for t, p in [
            ("Podcasts", "podcasts"),
            ("Photo Stories", "photos"),
            ("Newsletters", "newsletter"),
            ("Archive", "archive"),
            ("About Us", "about-us"),
        ]
    )
    return (
        '<header id="nav-bar" class="sticky-header"><div class="header-wrapper">'
        f'<button class="{css("nav", "hamburger")}" aria-label="Open menu">{svg("menu")}</button>'
        f'<a href="{HOST}/" class="{css("nav", "logo")}" aria-label="{PUBLISHER} logo">'
        f'<img src="https://media.assettype.com/interbellumnews%2F2024-01%2Flogo.svg" alt="{PUBLISHER}" '
        'width="220" height="40"></a>'
        f'<nav aria-label="Main menu"><ul class="{css("nav", "menu")}">{"".join(items)}</ul></nav>'
        '<form class="search-form" action="/search" method="get" role="search">'
        '<label for="search-q" class="visually-hidden">Search</label>'
        '<input id="search-q" type="search" name="q" placeholder="Search">'
        f'<button type="submit" aria-label="Search">{svg("search", 20)}</button></form>'
        f'<div class="hamburger-menu" hidden><ul>{hamburger}</ul></div>'
        "</div></header>"
    )


def breaking_news(arrow: bool = True) -> str:
    hook = ' data-test-id="breaking-news"' if arrow else ""
    return (
        f'<div id="breaking-news-container"><div class="breaking-news-wrapper"{hook}></div></div>'
    )


def footer(css: Css) -> str:
    cols = []
    for name, slug, subs in SECTIONS:
        links = "".join(f'<li><a href="{HOST}/{slug}/{s}">{n}</a></li>' for n, s in subs)
        cols.append(
            f'<div class="footer-col"><h4><a href="{HOST}/{slug}">{name}</a></h4><ul>{links}</ul></div>'
        )
    pages = "".join(
        f'<li><a href="{HOST}/{p}">{t}</a></li>'
        for t, p in [
            ("About Us", "about-us"),
            ("Contact Us", "contact-us"),
            ("Privacy Policy", "privacy-policy"),
            ("Terms of Use", "terms-of-use"),
            ("Corrections", "corrections"),
            ("Sitemap", "sitemap.xml"),
            ("RSS", "stories.rss"),
        ]
    )
    return (
        f'<footer id="footer" class="footer-wrapper {css("footer", "footer")}">'
        f'<div class="footer-top"><div class="footer-brand"><a href="{HOST}/" aria-label="{PUBLISHER}">'
        f'<span class="footer-publisher-name">{PUBLISHER}</span></a>'
        f'<p class="footer-domain">{DOMAIN}</p></div>'
        f'<div class="{css("footer", "links")}">{"".join(cols)}</div></div>'
        f'<div class="footer-bottom"><ul class="footer-pages">{pages}</ul>'
        f'<p class="{css("footer", "copyright")}">Copyright © 2025 {DOMAIN}. All rights reserved.</p>'
        '<p class="powered-by">Powered by <a href="https://www.quintype.com/" rel="nofollow noopener" '
        'target="_blank">Quintype</a></p></div></footer>'
    )


def body_scripts() -> str:
    return "\n".join(
        [
            '<script id="app-js" src="/interbellumnews/assets/app-4f9c2e1d7a.js" async></script>',
            '<script src="/interbellumnews/assets/vendor-8b31e0ac55.js" defer></script>',
            "<script>if('serviceWorker' in navigator){window.addEventListener('load',function(){"
            "navigator.serviceWorker.register('/service-worker.js')})}</script>",
            "<script>window.qtLoadedChunks=window.qtLoadedChunks||[];window.qtLoadedChunks.push("
            "['story','arrow-text-story','also-read','aside-collection']);</script>",
        ]
    )
