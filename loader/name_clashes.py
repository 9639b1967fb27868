"""Names that would identify two records: an actor's or place's name or alias must point to
one of them only, or a search by name could not tell them apart."""

from __future__ import annotations

from loader.names import name_key
from loader.validation_report import ValidationReport


def check_names(report: ValidationReport) -> None:
    """Warn when two different actors or places share a name key."""
    owner: dict[str, tuple[str, str]] = {}
    for lf in report.files:
        issues = report.about(lf.path)
        entries: list[tuple[str, str | None, list[str]]] = [
            (a.id, a.name, a.aliases) for a in lf.data.actors
        ] + [(p.id, p.name, p.aliases) for p in lf.data.places]
        for rid, name, aliases in entries:
            for label in [*([name] if name else []), *aliases]:
                key = name_key(label)
                prev = owner.get(key)
                if prev is not None and prev[0] != rid:
                    issues.warning(
                        rid,
                        "aliases" if label != name else "name",
                        f"name {label!r} matches {prev[1]!r} of {prev[0]!r}; a name or alias "
                        "must identify one actor or place",
                    )
                else:
                    owner[key] = (rid, label)
