"""The pinned games (`tests/pins.py`): every scenario, seat and strategy plays as it did when
the pins were written (regenerate them with `python tests/pins.py --write` only for a change
meant to alter the games)."""

from __future__ import annotations

from . import pins


def test_games_are_as_pinned(engines):
    got = pins.compute(engines)
    want = pins.read()
    assert sorted(got) == sorted(want), "the scenarios, seats, strategies or levels changed"
    changed = pins.differences(got, want)
    assert not changed, f"{len(changed)} of {len(want)} pinned plays changed, first: {changed[:5]}"


def test_a_changed_game_changes_its_digests(engines):
    """The pins can fail: another seat, seed or level gives other digests, in both kinds."""
    engine = engines["weak_guarantee"]
    told = pins.told_digest(engine, "europe", "random", 1)
    assert told != pins.told_digest(engine, "us", "random", 1)
    assert told != pins.told_digest(engine, "europe", "random", 1, "normal")
    first = pins.simulate_digest("weak_guarantee", "europe", "random", 2)
    assert first != pins.simulate_digest("weak_guarantee", "europe", "random", 2, seed=12)
    assert first != pins.simulate_digest("weak_guarantee", "us", "random", 2)


def test_differences_names_every_changed_or_missing_play():
    want = {"a": {"simulate": "1", "told": "2"}, "b": {"simulate": "3", "told": "4"}}
    got = {"a": {"simulate": "1", "told": "x"}, "c": {"simulate": "5", "told": "6"}}
    assert pins.differences(got, want) == ["a", "b", "c"]
    assert pins.differences(want, dict(want)) == []


def test_step_plays_the_games_apply_plays(engines):
    """`Engine.step` (in place, no events: what `simulate` uses) gives the same actions and
    the same final state as `Engine.apply`, for every scenario and a few seeds."""
    from game.engine.strategies import play, play_quiet

    for engine in engines.values():
        for seed in (1, 2, 3):
            state, log, events = play(engine, seed, engine.seats[-1], "random")
            quiet, quiet_log = play_quiet(engine, seed, engine.seats[-1], "random")
            assert events and quiet_log == log
            assert quiet == state


def test_a_muted_list_keeps_no_event():
    from game.engine.shapes import MUTED

    MUTED.append({"type": "pass", "seat": "us"})
    MUTED.extend([{"type": "pass", "seat": "us"}])
    muted = MUTED
    muted += [{"type": "pass", "seat": "us"}]
    assert muted is MUTED and len(MUTED) == 0
