"""scraper/article.schema.json describes every field, and every extracted article validates."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scraper.extract import extract

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "scraper" / "article.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "interbellumnews"
_TYPES = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = SCHEMA
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """A small draft 2020-12 subset: type, const, enum, required, properties,
    additionalProperties, items, oneOf, $ref, pattern, minLength, minimum, maximum, minItems."""
    if "$ref" in schema:
        return errors(value, _resolve(schema["$ref"]), path)
    out: list[str] = []
    if "oneOf" in schema:
        ok = [s for s in schema["oneOf"] if not errors(value, s, path)]
        if len(ok) != 1:
            out.append(f"{path}: matches {len(ok)} of oneOf")
        return out
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(
            isinstance(value, _TYPES[k]) and not (k == "integer" and isinstance(value, bool))
            for k in kinds
        ):
            return [f"{path}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in enum")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            out.append(f"{path}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            out.append(f"{path}: below minimum")
        if "maximum" in schema and value > schema["maximum"]:
            out.append(f"{path}: above maximum")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{path}: too few items")
        if "items" in schema:
            for i, item in enumerate(value):
                out.extend(errors(item, schema["items"], f"{path}[{i}]"))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{path}: missing {key}")
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                out.extend(errors(item, props[key], f"{path}.{key}"))
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}: unexpected key {key}")
    return out


def test_every_contract_field_is_documented() -> None:
    from scraper.model import Article

    keys = set(Article(url="u", title="t").to_dict())
    assert set(SCHEMA["properties"]) == keys
    assert set(SCHEMA["required"]) == keys
    for key, prop in SCHEMA["properties"].items():
        assert prop.get("description"), key


def test_schema_rejects_bad_values() -> None:
    from scraper.model import Article

    good = Article(url="u", title="t", extractor="generic").to_dict()
    assert errors(good, SCHEMA) == []
    assert errors({**good, "published_at": "2025-05-19T21:12:00Z"}, SCHEMA)
    assert errors({**good, "extractor": "magic"}, SCHEMA)
    assert errors({**good, "blocks": [{"type": "heading", "level": 1, "text": "x"}]}, SCHEMA)
    assert errors({**good, "blocks": [{"type": "paragraph", "text": "x"}]}, SCHEMA)


@pytest.mark.parametrize(
    "page", sorted(SAMPLES.glob("*.html")) if SAMPLES.is_dir() else [], ids=lambda p: p.stem
)
def test_sample_outputs_validate(page: Path) -> None:
    from scraper.errors import NotArticle

    try:
        article = extract(page.read_bytes(), f"https://interbellumnews.com/{page.stem}")
    except NotArticle:
        return
    assert errors(article.to_dict(), SCHEMA) == []
