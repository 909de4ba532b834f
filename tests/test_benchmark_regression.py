"""Regression guard: a few pages of the public article-extraction benchmark, each with the
minimum body F1 (4-token shingles, as in bench/accuracy.py) it must keep.

The pages are read from ``../shared/benchmarks/article-extraction-benchmark`` (or the directory
in ``$SCRAPE_BENCHMARK``); the tests are skipped when it is absent. Each page exercises one
heuristic, named in the comment beside it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from scraper.errors import NotArticle
from scraper.extract import extract

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(
    os.environ.get("SCRAPE_BENCHMARK")
    or ROOT / ".." / "shared" / "benchmarks" / "article-extraction-benchmark"
).resolve()

pytestmark = pytest.mark.skipif(
    not (DATA / "ground-truth.json").exists(), reason=f"benchmark not found at {DATA}"
)

PAGES = {
    # plain article page (wsj.com)
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856": 0.95,
    # short itemprop=articleBody text against a longer footer (jpost.com)
    "e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090": 0.95,
    # truncated JSON-LD articleBody: the page's body must win (livescience.com)
    "bd673bd7988144f0ab7b9c5e19fed140fb5aaa30d8894cb045b72d3b79a7dc54": 0.95,
    "3c5bf8db4272925bf1dd5713fc325e179fd0d1cc6fb8c77aa2d917cfd2518a32": 0.95,
    # teaser rails whose blurbs outweigh the article (cbsnews.com, digg.com)
    "2c46804d9db4a85e8f8d31128ce0e11d02f25c7120c2faa5ec0664c604a47717": 0.95,
    "680c2848e94a96f961a0964631de94ac572f83c45bfd0bec2deafa893bcfe15c": 0.95,
    # "you may like" section after a short post (mensagensreflexao.com.br)
    "b3c19dd5f0612d098788fa5173e491b3280da6226b492f8fe110f4ab1896cca8": 0.9,
    # cookie-consent text longer than the review (morebikes.co.uk)
    "612cd29826624e68ce96789c8049e16279dfd2fceb27434eea7943b2aaf84e90": 0.85,
    # a data table is the article (autoracing.com.br)
    "11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32": 0.9,
    # article text continues inside a "paywall" wrapper (barrons.com)
    "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584": 0.95,
    # page builder markup with "widget" wrappers around the text (my6sense.com)
    "57e2e98887a1965689955921208e32f410b10e2b95c907e74e57982d3edf3cc6": 0.95,
}


@cache
def accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@cache
def truth() -> dict[str, dict[str, str]]:
    return json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("page_id", "minimum"), sorted(PAGES.items()))
def test_benchmark_page_keeps_its_f1(page_id: str, minimum: float) -> None:
    html = gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    expected = truth()[page_id]
    try:
        body = extract(html, expected["url"]).body_text
    except NotArticle:
        body = ""
    f1 = accuracy().page_f1(expected["articleBody"], body)
    assert f1 >= minimum, f"{expected['url']}: F1 {f1:.3f} < {minimum}"


def test_scoring_matches_the_benchmark_method() -> None:
    acc = accuracy()
    assert acc.page_f1("a b c d e", "a b c d e") == 1.0
    assert acc.page_f1("a b c d e", "") == 0.0
    # TP/FP/FN over multisets of 4-token shingles, normalised to sum to 1
    tp, fp, fn = acc.tp_fp_fn("one two three four five", "one two three four six")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    result = acc.score("t", {"a": "w x y z", "b": "p q r s"}, {"a": "w x y z", "b": ""}, 1.0)
    assert result.precision == 1.0  # the empty prediction is left out of the precision mean
    assert result.recall == 0.5
    assert result.below_05 == 1
