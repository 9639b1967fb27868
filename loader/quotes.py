"""Quotes against their source texts: found verbatim, short, and few enough per source.

For every quote that was found, ``report.offsets`` maps ``(source_id, quote_as_written)``
to ``(start, end)`` character offsets into the raw source text, so that
``raw[start:end]`` is the quoted passage. A quote whose text is absent is counted as
unverified: a warning, or an error when validation is strict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from loader.dataset import Evidence
from loader.references import Registry
from loader.source_text import SourceText, normalize_ws
from loader.validation_limits import Limits
from loader.validation_report import LoadedFile, ValidationReport
from loader.yaml_files import FileRefused, read_text

# (source id, quote as written) -> (start, end) in the source text.
Offsets = Mapping[tuple[str, str], tuple[int, int]]


@dataclass(frozen=True)
class Quote:
    source_id: str
    text: str
    lf: LoadedFile
    record: str
    field: str


def quotes_in(lf: LoadedFile) -> list[Quote]:
    """Every quote of a file, evidence and statements alike, with where it stands."""
    data = lf.data
    own = data.source.id
    out: list[Quote] = []

    def evid(record: str, items: list[Evidence]) -> None:
        for j, ev in enumerate(items):
            out.append(Quote(ev.source or own, ev.quote, lf, record, f"evidence[{j}].quote"))

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
            out.append(Quote(own, st.quote, lf, st.id, "quote"))
        if st.reported is not None:
            out.append(Quote(own, st.reported, lf, st.id, "reported"))
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


def check_quotes(
    report: ValidationReport,
    reg: Registry,
    sources_dir: Path | None,
    *,
    strict: bool,
    limits: Limits,
    known: Offsets,
) -> None:
    check = _QuoteCheck(report, reg, limits, known)
    check.read_texts(sources_dir)
    for lf in report.files:
        for q in quotes_in(lf):
            check.quote(q)
    check.report_unverified(strict)
    check.report_coverage()


@dataclass
class _QuoteCheck:
    report: ValidationReport
    reg: Registry
    limits: Limits
    # Where quotes were found when their sources were loaded on a machine with the text.
    known: Offsets
    # None for a source whose text is absent; missing_reason says why.
    texts: dict[str, SourceText | None] = field(default_factory=dict)
    missing_reason: dict[str, str] = field(default_factory=dict)
    unverified: dict[tuple[Path, str], int] = field(default_factory=dict)
    covered: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def read_texts(self, sources_dir: Path | None) -> None:
        for sid, lf in self.reg.sources.items():
            self.texts[sid] = None
            tf = lf.data.source.text_file
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
                raw = read_text(path, self.limits.max_file_bytes)
            except FileRefused as exc:
                self.report.about(lf.path).error("source", "text_file", f"{tf}: {exc}")
                self.missing_reason[sid] = f"source text {tf!r} could not be read"
                continue
            self.texts[sid] = SourceText(raw)
            if lf.data.source.title is None:
                self.report.titles[sid] = first_words(raw)

    def quote(self, q: Quote) -> None:
        length = len(normalize_ws(q.text))
        if length > self.limits.max_quote_chars:
            self.report.about(q.lf.path).warning(
                q.record,
                q.field,
                f"quote is {length} characters; keep evidence short "
                f"(under {self.limits.max_quote_chars}): the clause that proves the fact",
            )
        if q.source_id not in self.texts:
            return  # unknown source: already reported as a reference error
        st = self.texts[q.source_id]
        if st is None and (q.source_id, q.text) in self.known:
            self.report.offsets[(q.source_id, q.text)] = self.known[(q.source_id, q.text)]
            return
        if st is None:
            key = (q.lf.path, q.source_id)
            self.unverified[key] = self.unverified.get(key, 0) + 1
            return
        span = st.find(q.text)
        if span is None:
            prefix = _longest_matching_prefix(st, q.text)
            hint = f"; the text matches only up to {_short(prefix[-40:], 40)!r}" if prefix else ""
            self.report.about(q.lf.path).error(
                q.record,
                q.field,
                f"quote not found in source {q.source_id!r} "
                f"({self.reg.sources[q.source_id].data.source.text_file}): "
                f"{_short(q.text)!r}{hint}; copy it verbatim from the text (only "
                "whitespace may differ; quote marks and dashes must match)",
            )
            return
        self.report.offsets[(q.source_id, q.text)] = span
        self.covered.setdefault(q.source_id, []).append(span)

    def report_unverified(self, strict: bool) -> None:
        for (path, sid), n in sorted(self.unverified.items()):
            self.report.unverified_quotes += n
            issues = self.report.about(path)
            message = f"{n} quote{'s' if n != 1 else ''} unverified: {self.missing_reason[sid]}"
            if strict:
                issues.error("source", "text_file", message)
            else:
                issues.warning("source", "text_file", message)

    def report_coverage(self) -> None:
        for sid, spans in self.covered.items():
            st = self.texts[sid]
            assert st is not None
            share = _covered_chars(spans) / max(len(st.raw), 1)
            self.report.coverage[sid] = share
            if (
                share > self.limits.max_coverage
                and len(st.raw) >= self.limits.min_text_for_coverage
            ):
                self.report.about(self.reg.sources[sid].path).warning(
                    "source",
                    "text_file",
                    f"quotes cover {share:.0%} of the source text; the repository may hold "
                    "short excerpts only: shorten the quotes",
                )
