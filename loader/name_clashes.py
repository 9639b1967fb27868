"""Names that would identify two records: an actor's or place's name or alias must point to
one of them only, or a search by name could not tell them apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from loader.dataset import SourceFile
from loader.names import name_key
from loader.validation_report import FileIssues


@dataclass
class NameOwners:
    """Who holds each name key so far, file by file: a later record that takes a key an
    earlier one holds is warned about."""

    owner: dict[str, tuple[str, str]] = field(default_factory=dict)

    def check(self, data: SourceFile, issues: FileIssues) -> None:
        entries: list[tuple[str, str | None, list[str]]] = [
            (a.id, a.name, a.aliases) for a in data.actors
        ] + [(p.id, p.name, p.aliases) for p in data.places]
        for rid, name, aliases in entries:
            for label in [*([name] if name else []), *aliases]:
                key = name_key(label)
                prev = self.owner.get(key)
                if prev is not None and prev[0] != rid:
                    issues.warning(
                        rid,
                        "aliases" if label != name else "name",
                        f"name {label!r} matches {prev[1]!r} of {prev[0]!r}; a name or alias "
                        "must identify one actor or place",
                    )
                else:
                    self.owner[key] = (rid, label)
