"""Generate the interbellumnews.com sample pages and their golden outputs.

    uv run python samples/_build/make_samples.py            # (re)write samples/interbellumnews/
    uv run python samples/_build/make_samples.py --check    # exit 1 if any file differs

Each article page is rendered from Quintype story data (stories.py); its golden JSON is computed
from the same data by golden.py (never by the project's extractor), and its golden Markdown is
scraper.render.article_to_markdown(golden JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "samples" / "interbellumnews"
sys.path[:0] = [str(HERE), str(ROOT)]

from golden import golden_article  # noqa: E402
from page import page_html  # noqa: E402

from scraper.render import article_to_markdown  # noqa: E402


def build() -> dict[str, str]:
    """Every generated file: name (relative to samples/interbellumnews/) -> content."""
    import stories
    from listing import listing_pages, readme

    files: dict[str, str] = {}
    urls: list[str] = []
    for name, story, page in stories.PAGES:
        files[f"{name}.html"] = page_html(story, page)
        gold = golden_article(story, page)
        files[f"{name}.json"] = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
        files[f"{name}.md"] = article_to_markdown(gold)
        urls.append(story["url"])
    for name, html in listing_pages([story for _, story, _ in stories.PAGES]).items():
        files[f"{name}.html"] = html
        files[f"{name}.expect"] = "not-article\n"
    files["urls.txt"] = "\n".join(urls) + "\n"
    names = [name for name, _, _ in stories.PAGES] + ["section-world", "not-found"]
    files["README.md"] = readme(names)
    return files


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        bad = [
            n
            for n, c in files.items()
            if not (OUT / n).exists() or (OUT / n).read_text("utf-8") != c
        ]
        for n in bad:
            print(f"differs: {n}", file=sys.stderr)
        return 1 if bad else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for n, c in files.items():
        (OUT / n).write_text(c, encoding="utf-8")
    print(f"wrote {len(files)} files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
