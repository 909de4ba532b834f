"""Body-extraction accuracy and speed on the article-extraction-benchmark.

Usage (from the repo root)::

    uv run --group bench python bench/accuracy.py [--data DIR] [--passes N] [--verbose]
        [--only ours,trafilatura,readability] [--generic-only] [--json FILE]

Scoring follows the benchmark's README (scrapinghub/article-extraction-benchmark): tokens are
``\\w+`` matches, texts become multisets of 4-token shingles, per-page TP/FP/FN are normalised to
sum to 1, precision and recall are averaged over pages (pages with an empty prediction are left
out of the precision mean) and F1 is the harmonic mean of mean precision and mean recall.

Speed is pages per second of extraction alone (HTML already decompressed and decoded), the median
of ``--passes`` passes over all pages, each tool timed in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / ".." / "shared" / "benchmarks" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


# --- scoring (the benchmark's method) ---------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page, over multisets of 4-token shingles."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_f1(truth: str, pred: str) -> float:
    tp, fp, fn = tp_fp_fn(truth, pred)
    if tp == 0:
        return 0.0
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r)


@dataclass
class Score:
    name: str
    precision: float
    recall: float
    f1: float
    below_05: int
    below_08: int
    pages_per_s: float
    per_page: dict[str, float] = field(default_factory=dict)
    errors: int = 0


def score(name: str, truths: dict[str, str], preds: dict[str, str], speed: float) -> Score:
    precisions: list[float] = []
    recalls: list[float] = []
    per_page: dict[str, float] = {}
    for key, truth in truths.items():
        pred = preds.get(key, "")
        tp, fp, fn = tp_fp_fn(truth, pred)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
        per_page[key] = page_f1(truth, pred)
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(
        name=name,
        precision=p,
        recall=r,
        f1=f1,
        below_05=sum(1 for v in per_page.values() if v < 0.5),
        below_08=sum(1 for v in per_page.values() if v < 0.8),
        pages_per_s=speed,
        per_page=per_page,
    )


# --- extractors ---------------------------------------------------------------------------------


def ours(html: str, url: str) -> str:
    from scraper.errors import NotArticle
    from scraper.extract import extract

    try:
        return extract(html, url).body_text
    except NotArticle:
        return ""


def ours_generic_only(html: str, url: str) -> str:
    """Only the generic layer (no site, JSON-LD or meta layers): for tuning the heuristics."""
    from scraper.extract import generic
    from scraper.extract.document import Document
    from scraper.model import Article

    doc = Document.parse(html, url)
    article = Article(url=url)
    generic.fill(doc, article)
    return article.body_text


def layer_counts(pages: dict[str, str], urls: dict[str, str]) -> Counter[str]:
    """Which extraction layer supplied the body, over all pages ("none": NotArticle)."""
    from scraper.errors import NotArticle
    from scraper.extract import extract

    counts: Counter[str] = Counter()
    for key, html in pages.items():
        try:
            counts[extract(html, urls[key]).extractor or "none"] += 1
        except NotArticle:
            counts["none"] += 1
    return counts


def trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def readability_text(html: str, url: str) -> str:
    import lxml.html
    from readability import Document as ReadabilityDocument

    summary = ReadabilityDocument(html).summary()
    if not summary.strip():
        return ""
    return lxml.html.fromstring(summary).text_content()


TOOLS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_text,
    "readability": readability_text,
}


# --- running ------------------------------------------------------------------------------------


def load(data: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(id -> html, id -> true body, id -> url)."""
    truth_raw = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    truths: dict[str, str] = {}
    urls: dict[str, str] = {}
    for key in sorted(truth_raw):
        path = data / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        pages[key] = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        truths[key] = truth_raw[key].get("articleBody") or ""
        urls[key] = truth_raw[key].get("url") or ""
    return pages, truths, urls


def run_tool(
    fn: Extractor, pages: dict[str, str], urls: dict[str, str], passes: int
) -> tuple[dict[str, str], float, int]:
    """Predictions, median pages/s over ``passes`` passes, and the number of crashed pages."""
    preds: dict[str, str] = {}
    errors = 0
    speeds: list[float] = []
    for i in range(max(1, passes)):
        start = time.perf_counter()
        for key, html in pages.items():
            try:
                text = fn(html, urls[key])
            except Exception as exc:  # a crash counts as an empty prediction
                text = ""
                if i == 0:
                    errors += 1
                    print(f"  ! {key[:12]}: {type(exc).__name__}: {exc}", file=sys.stderr)
            if i == 0:
                preds[key] = text
        elapsed = time.perf_counter() - start
        speeds.append(len(pages) / elapsed if elapsed else 0.0)
    return preds, statistics.median(speeds), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (median is kept)")
    parser.add_argument("--only", default="ours,trafilatura,readability", help="tools to run")
    parser.add_argument("--generic-only", action="store_true", help="ours = generic layer only")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the worst pages")
    parser.add_argument("--worst", type=int, default=15, help="how many worst pages to list")
    parser.add_argument("--page", help="print our prediction for one page id (prefix) and exit")
    parser.add_argument("--json", type=Path, help="write per-page F1 of every tool to this file")
    args = parser.parse_args(argv)

    data = args.data.resolve()
    if not (data / "ground-truth.json").exists():
        print(f"benchmark not found at {data} (use --data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    pages, truths, urls = load(data)
    tools = dict(TOOLS)
    if args.generic_only:
        tools["ours"] = ours_generic_only

    if args.page:
        key = next(k for k in pages if k.startswith(args.page))
        pred = tools["ours"](pages[key], urls[key])
        print(f"# {key} {urls[key]}  F1={page_f1(truths[key], pred):.3f}\n")
        print(pred)
        return 0

    results: list[Score] = []
    for name in [n.strip() for n in args.only.split(",") if n.strip()]:
        preds, speed, errors = run_tool(tools[name], pages, urls, args.passes)
        result = score(name, truths, preds, speed)
        result.errors = errors
        results.append(result)

    print(f"{len(pages)} pages from {data}")
    header = (
        f"{'tool':<12} {'F1':>6} {'prec':>6} {'recall':>6} {'<0.5':>5} {'<0.8':>5} {'pages/s':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<12} {r.f1:6.3f} {r.precision:6.3f} {r.recall:6.3f} "
            f"{r.below_05:5d} {r.below_08:5d} {r.pages_per_s:8.1f}"
            + (f"  ({r.errors} crashed)" if r.errors else "")
        )
    if args.verbose and "ours" in [r.name for r in results] and not args.generic_only:
        print(f"\nbody supplied by (ours): {dict(layer_counts(pages, urls).most_common())}")
    if args.verbose:
        for r in results:
            print(f"\nworst pages for {r.name}:")
            for key, value in sorted(r.per_page.items(), key=lambda kv: kv[1])[: args.worst]:
                print(f"  {value:5.3f}  {key[:12]}  {urls[key][:90]}")
    if args.json:
        args.json.write_text(
            json.dumps({r.name: r.per_page for r in results}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
