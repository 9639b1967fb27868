"""Quotes against their source texts: found verbatim, short, and few enough per source.

For every quote that was found, ``report.offsets`` maps ``(source_id, quote_as_written)``
to ``(start, end)`` character offsets into the raw source text, so that
``raw[start:end]`` is the quoted passage. A quote whose text is absent is counted as
unverified: a warning, or an error when validation is strict.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from loader.dataset import Evidence, SourceFile
from loader.references import Registry
from loader.source_text import SourceText, normalize_ws
from loader.validation_limits import Limits
from loader.validation_report import FileIssues, LoadedFile, ValidationReport
from loader.yaml_files import FileRefused, read_text

# (source id, quote as written) -> (start, end) in the source text.
Offsets = Mapping[tuple[str, str], tuple[int, int]]


@dataclass(frozen=True)
class Quote:
    source_id: str
    text: str
    record: str
    field: str


def quotes_in(data: SourceFile) -> list[Quote]:
    """Every quote of a file, evidence and statements alike, with where it stands."""
    own = data.source.id
    out: list[Quote] = []

    def evid(record: str, items: list[Evidence]) -> None:
        for j, ev in enumerate(items):
            out.append(Quote(ev.source or own, ev.quote, record, f"evidence[{j}].quote"))

    for a in data.actors:
        evid(a.id, a.evidence)
    for p in data.places:
        evid(p.id, p.evidence)
    for af in data.affiliations:
        evid(af.id, af.evidence)
    for i, m in enumerate(data.memberships):
        evid(m.id or f"memberships[{i}]", m.evidence)
    for it in data.interactions:
        evid(it.id, it.evidence)
    for st in data.statements:
        evid(st.id, st.evidence)
        if st.quote is not None:
            out.append(Quote(own, st.quote, st.id, "quote"))
        if st.reported is not None:
            out.append(Quote(own, st.reported, st.id, "reported"))
    return out


def first_words(text: str, count: int = 12) -> str:
    """The start of a text's first line, to stand in for a missing headline."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    words = line.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _longest_matching_prefix(text: SourceText, quote: str) -> str:
    needle = normalize_ws(quote)
    lo, hi = 0, len(needle)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in text.normalized:
            lo = mid
        else:
            hi = mid - 1
    return needle[:lo]


def _short(s: str, n: int = 60) -> str:
    s = normalize_ws(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _covered_chars(spans: list[tuple[int, int]]) -> int:
    """Characters inside at least one span: overlapping quotes count once."""
    total = 0
    end_so_far = -1
    for start, end in sorted(spans):
        start = max(start, end_so_far)
        if end > start:
            total += end - start
        end_so_far = max(end_so_far, end)
    return total


# Source texts kept at once: a file's own, and a few that its quotes also cite.
TEXTS_KEPT = 4
TEXT_ADVICE = "a source text holds one report, not a collection of them"


@dataclass
class QuoteCheck:
    """Quotes against their source texts, one file at a time.

    `check_texts` first says which texts are at hand (and files each problem reading one);
    `check_file` then places a file's quotes; `finish` reports the quotes left unverified
    and how much of each text the quotes cover. Only a few texts are held at once.
    """

    reg: Registry
    limits: Limits
    # Where quotes were found when their sources were loaded on a machine with the text.
    known: Offsets
    texts: dict[str, Path | None] = field(default_factory=dict)
    missing_reason: dict[str, str] = field(default_factory=dict)
    unverified: dict[tuple[Path, str], int] = field(default_factory=dict)
    covered: dict[str, array[int]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    _open: OrderedDict[str, SourceText] = field(default_factory=OrderedDict)

    def check_texts(self, sources_dir: Path | None, report: ValidationReport) -> None:
        for sid, lf in self.reg.sources.items():
            self.texts[sid] = None
            tf = lf.source.text_file
            if sources_dir is None:
                self.missing_reason[sid] = (
                    "no sources folder was given (set ACTORGRAPH_SOURCES or pass the sources "
                    "folder)"
                )
                continue
            path = sources_dir / tf
            if Path(tf).name != tf or not path.is_file():
                self.missing_reason[sid] = (
                    f"source text {tf!r} not found in {sources_dir}; put the text "
                    "there or point ACTORGRAPH_SOURCES at the folder that has it"
                )
                continue
            try:
                raw = read_text(path, self.limits.max_text_bytes, TEXT_ADVICE)
            except FileRefused as exc:
                report.about(lf.path).error("source", "text_file", f"{tf}: {exc}")
                self.missing_reason[sid] = f"source text {tf!r} could not be read"
                continue
            self.texts[sid] = path
            self.lengths[sid] = len(raw)
            if lf.source.title is None:
                report.titles[sid] = first_words(raw)

    def _text(self, sid: str) -> SourceText | None:
        path = self.texts[sid]
        if path is None:
            return None
        text = self._open.get(sid)
        if text is None:
            text = self._open[sid] = SourceText(
                read_text(path, self.limits.max_text_bytes, TEXT_ADVICE)
            )
            if len(self._open) > TEXTS_KEPT:
                self._open.popitem(last=False)
        self._open.move_to_end(sid)
        return text

    def check_file(
        self, lf: LoadedFile, data: SourceFile, issues: FileIssues
    ) -> dict[tuple[str, str], tuple[int, int]]:
        """Place the quotes of one file (or part of one); returns where they are."""
        found: dict[tuple[str, str], tuple[int, int]] = {}
        for q in quotes_in(data):
            span = self._quote(lf, q, issues)
            if span is not None:
                found[(q.source_id, q.text)] = span
        return found

    def _quote(self, lf: LoadedFile, q: Quote, issues: FileIssues) -> tuple[int, int] | None:
        length = len(normalize_ws(q.text))
        if length > self.limits.max_quote_chars:
            issues.warning(
                q.record,
                q.field,
                f"quote is {length} characters; keep evidence short "
                f"(under {self.limits.max_quote_chars}): the clause that proves the fact",
            )
        if q.source_id not in self.texts:
            return None  # unknown source: already reported as a reference error
        st = self._text(q.source_id)
        if st is None and (q.source_id, q.text) in self.known:
            return self.known[(q.source_id, q.text)]
        if st is None:
            key = (lf.path, q.source_id)
            self.unverified[key] = self.unverified.get(key, 0) + 1
            return None
        span = st.find(q.text)
        if span is None:
            prefix = _longest_matching_prefix(st, q.text)
            hint = f"; the text matches only up to {_short(prefix[-40:], 40)!r}" if prefix else ""
            issues.error(
                q.record,
                q.field,
                f"quote not found in source {q.source_id!r} "
                f"({self.reg.sources[q.source_id].source.text_file}): "
                f"{_short(q.text)!r}{hint}; copy it verbatim from the text (only "
                "whitespace may differ; quote marks and dashes must match)",
            )
            return None
        self.covered.setdefault(q.source_id, array("q")).extend(span)
        return span

    def finish(self, strict: bool, report: ValidationReport) -> None:
        self._report_unverified(strict, report)
        self._report_coverage(report)
        self._open.clear()

    def _report_unverified(self, strict: bool, report: ValidationReport) -> None:
        for (path, sid), n in sorted(self.unverified.items()):
            report.unverified_quotes += n
            issues = report.about(path)
            message = f"{n} quote{'s' if n != 1 else ''} unverified: {self.missing_reason[sid]}"
            if strict:
                issues.error("source", "text_file", message)
            else:
                issues.warning("source", "text_file", message)

    def _report_coverage(self, report: ValidationReport) -> None:
        for sid, flat in self.covered.items():
            spans = list(zip(flat[0::2], flat[1::2], strict=True))
            length = self.lengths[sid]
            share = _covered_chars(spans) / max(length, 1)
            report.coverage[sid] = share
            if share > self.limits.max_coverage and length >= self.limits.min_text_for_coverage:
                report.about(self.reg.sources[sid].path).warning(
                    "source",
                    "text_file",
                    f"quotes cover {share:.0%} of the source text; the repository may hold "
                    "short excerpts only: shorten the quotes",
                )
