"""The bundled library is exactly what the import pipeline makes of the raw seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importer import ImportOptions, build, load_sidecar

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = sorted((PROJECT / "seeds").glob("*.txt"))


def test_every_seed_has_a_sidecar_and_a_text() -> None:
    assert len(SEEDS) == 5
    for seed in SEEDS:
        side = load_sidecar(seed)
        assert side.get("id"), f"{seed.name} has no sidecar id"
        assert (PROJECT / "texts" / f"{side['id']}.md").is_file()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_pipeline_reproduces_texts_byte_for_byte(seed: Path) -> None:
    result = build(seed, ImportOptions())
    expected = (PROJECT / "texts" / f"{result.doc_id}.md").read_bytes()
    assert result.text.encode("utf-8") == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_reimporting_a_cleaned_text_changes_nothing(seed: Path, tmp_path: Path) -> None:
    result = build(seed, ImportOptions())
    copy = tmp_path / f"{result.doc_id}.md"
    copy.write_text(result.text, encoding="utf-8")
    again = build(copy, ImportOptions())
    assert again.text == result.text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_cleaned_text_is_well_formed(seed: Path) -> None:
    result = build(seed, ImportOptions())
    text = result.text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\u00a0" not in text and "\x1b" not in text
    doc = result.document
    for key in ("title", "source", "rights", "language"):
        assert doc.meta.get(key), f"{result.doc_id}: no {key}"
    # Every marker has a definition and every definition is referred to or stands alone.
    labels = {m.label for m in doc.markers}
    missing = labels - set(doc.notes)
    assert not missing, f"markers without a note: {sorted(missing)}"
