"""Page furniture found statistically: lines that recur at the edges of many pages.

Running headers and footers, page numbers, proof stamps and download stamps share one
trait: they stand at the top or bottom of most pages, the same each time up to a
changing number (`Page 5 of 48`, `47699`) or the noise of OCR (`U.S. Departmentof
Justice Atterney-WorkProduet`). Nothing here lists strings of any one document:

- each page's edge lines (the first and last few) are the candidates;
- a candidate's *key* is its case-folded letters with every number made `#`;
- keys are clustered by fuzzy similarity (rapidfuzz), so that OCR variants of one stamp
  fall together; exact keys suffice for short lines, where fuzziness would confuse
  different words;
- a cluster seen on enough pages (`min_share` of them, and at least three, or two for a
  line with a number) is furniture;
  so is a bare page number (arabic or roman, `Page 3`, `3 of 48`) at an edge.

`Furniture.is_furniture(line)` then answers for any line, at an edge or elsewhere (a
stamp a page break left in mid-paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

_NUMBER = re.compile(r"\d+")
_NOT_KEY = re.compile(r"[^\w#]+")
PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,6}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.I,
)
_FUZZY_MIN_LEN = 16  # shorter keys must match exactly
_FUZZY_SCORE = 72.0
_MAX_LINE = 240


def line_key(line: str) -> str:
    """Case-folded letters and digits, numbers as `#`, no spaces or punctuation."""
    return _NOT_KEY.sub("", _NUMBER.sub("#", line.casefold()))


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line.strip()))


@dataclass
class Furniture:
    """The keys of furniture lines found on a document's pages."""

    exact: set[str] = field(default_factory=set)
    fuzzy: list[str] = field(default_factory=list)
    pages_seen: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)  # one printed line per long cluster

    def glued_prefix(self, line: str) -> int:
        """The length of a long furniture line glued to the start of `line` (0: none),
        as when an extractor ran a stamp into the page's first paragraph."""
        head = line[:300]
        for example in self.examples:
            if len(line) <= len(example) + 20:
                continue
            found = fuzz.partial_ratio_alignment(
                example, head[: len(example) + 20], score_cutoff=_FUZZY_SCORE
            )
            if found is None or found.dest_start > 3:
                continue
            end = found.dest_end
            while end < len(line) and not line[end].isspace():
                end += 1
            return end
        return 0

    def is_furniture(self, line: str) -> bool:
        text = line.strip()
        if not text or len(text) > _MAX_LINE:
            return False
        key = line_key(text)
        if not key:
            return False
        if key in self.exact:
            return True
        if len(key) < _FUZZY_MIN_LEN or not self.fuzzy:
            return False
        found = process.extractOne(key, self.fuzzy, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE)
        return found is not None

    def __bool__(self) -> bool:
        return bool(self.exact or self.fuzzy)


def find_furniture(
    pages: Sequence[Sequence[str]],
    *,
    edge: int = 3,
    min_share: float = 0.3,
    numbered_min: int = 2,
) -> Furniture:
    """The furniture of `pages` (each a list of its lines, top to bottom).

    Only the first and last `edge` non-blank lines of a page are candidates.
    """
    clusters: list[tuple[str, set[int]]] = []  # representative key, pages it was seen on
    exact_index: dict[str, int] = {}
    reps: list[str] = []
    rep_cluster: list[int] = []
    for number, page in enumerate(pages):
        lines = [x.strip() for x in page if x.strip()]
        seen_here = set()
        for line in lines[:edge] + lines[-edge:] if len(lines) > 2 * edge else lines:
            if len(line) > _MAX_LINE or line in seen_here:
                continue
            seen_here.add(line)
            key = line_key(line)
            if not key:
                continue
            at = exact_index.get(key)
            if at is None and len(key) >= _FUZZY_MIN_LEN and reps:
                found = process.extractOne(key, reps, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE)
                if found is not None:
                    at = rep_cluster[found[2]]
                    exact_index[key] = at
            if at is None:
                at = len(clusters)
                clusters.append((key, set()))
                exact_index[key] = at
                if len(key) >= _FUZZY_MIN_LEN:
                    reps.append(key)
                    rep_cluster.append(at)
            clusters[at][1].add(number)
    needed = max(3, int(len(pages) * min_share + 0.999))
    texts: dict[int, str] = {}
    for page in pages:
        for line in page:
            key = line_key(line.strip())
            at = exact_index.get(key)
            if at is not None and len(key) >= _FUZZY_MIN_LEN and at not in texts:
                texts[at] = line.strip()
    result = Furniture()
    # A line with a number (a running head with its page number) on two pages is
    # already telling in a short document; a line without needs three.
    numbered_needed = max(numbered_min, int(len(pages) * min_share + 0.999))
    furniture_clusters = {
        i
        for i, (key, on) in enumerate(clusters)
        if len(on) >= (numbered_needed if "#" in key else needed)
    }
    result.examples = [texts[i] for i in sorted(furniture_clusters) if i in texts]
    for key, at in exact_index.items():
        if at in furniture_clusters:
            result.exact.add(key)
            result.pages_seen[key] = len(clusters[at][1])
            if len(key) >= _FUZZY_MIN_LEN:
                result.fuzzy.append(key)
    return result
