"""The synth datasets the suite measures on, cached in bench/cache/ between runs."""

from __future__ import annotations

from pathlib import Path

from loader.synth import generate

CACHE = Path(__file__).parent / "cache"
# Interactions -> actors. The actor count grows more slowly than the interactions, so
# degrees grow with the graph as they would with months of real reports. 10M is run on
# demand only (`python -m bench --sizes 10M`), never by default.
STANDARD_SIZES: dict[int, int] = {
    10_000: 1_000,
    100_000: 5_000,
    1_000_000: 20_000,
    10_000_000: 200_000,
}


def size_label(interactions: int) -> str:
    """10000 -> '10k', 1000000 -> '1M': the keys of the result JSON."""
    if interactions >= 1_000_000 and interactions % 1_000_000 == 0:
        return f"{interactions // 1_000_000}M"
    if interactions >= 1_000 and interactions % 1_000 == 0:
        return f"{interactions // 1_000}k"
    return str(interactions)


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000, '250' -> 250."""
    text = text.strip()
    multiplier = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    digits = text[:-1] if multiplier != 1 else text
    return int(digits) * multiplier


def actors_for(interactions: int) -> int:
    """The actor count of a size: the standard one, or one actor per ten interactions."""
    return STANDARD_SIZES.get(interactions, max(8, interactions // 10))


def synth_dataset(interactions: int, actors: int, cache: Path = CACHE) -> Path:
    """The cached dataset folder, generated first when missing or left unfinished."""
    folder = cache / f"synth-{interactions}-{actors}"
    # .complete is written last, so a generation that died half-way is redone.
    if not (folder / ".complete").exists():
        generate(folder, actors=actors, interactions=interactions, seed=1)
        (folder / ".complete").touch()
    return folder
