"""A small seeded random generator whose whole state is one integer (plain data).

SplitMix64: good enough for dice, fast in pure Python, and trivially
serialisable, so the generator lives in the game state and replays exactly.
"""

from __future__ import annotations

from typing import Any

MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    """The generator state for a seed (any integer)."""
    return (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & MASK


def own_stream(seed: int, salt: int) -> int:
    """A generator state for a stream of a seed's own, apart from `seed_state(seed)`'s and
    from any neighbouring seed's: the seed and `salt` mixed through SplitMix64's output.

    (`seed_state(s + 1)` is `seed_state(s)` one step on: neighbouring seeds share one stream,
    a draw apart. A second stream made by an xor or a shift of the seed alone would share it
    the same way; mixed, neighbouring seeds land far apart on the generator's cycle.)"""
    return next_u64(seed_state(seed ^ salt))[1]


# The three functions below each carry SplitMix64's step written out (no call between them):
# dice are rolled often enough in a batch of simulated games for the call to count.


def next_u64(state: int) -> tuple[int, int]:
    """Advance: returns (new state, 64 random bits)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def randint(state: int, low: int, high: int) -> tuple[int, int]:
    """A uniform integer in [low, high] (inclusive)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, low + (z ^ (z >> 31)) % (high - low + 1)


def random(state: int) -> tuple[int, float]:
    """A float in [0, 1)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, ((z ^ (z >> 31)) >> 11) / 9007199254740992.0  # 2 ** 53


def picks(state: int, options: tuple[tuple[Any, ...], ...]) -> tuple[int, list[Any]]:
    """One of each tuple of options, in order: what `randint(state, 0, len(o) - 1)` for each
    tuple `o` one after the other would pick (the generator's step written out)."""
    out = []
    for o in options:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        out.append(o[(z ^ (z >> 31)) % len(o)])
    return state, out


def shuffled(state: int, items: list[str]) -> tuple[int, list[str]]:
    """A Fisher-Yates shuffle of a copy of items."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        # randint(state, 0, i), written out
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        j = (z ^ (z >> 31)) % (i + 1)
        out[i], out[j] = out[j], out[i]
    return state, out
