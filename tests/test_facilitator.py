"""A facilitator's interventions and a lesson's length, in the engine (game.engine.facilitator):
each is an action with a reason, replayed from the log, and read back for the debrief."""

from __future__ import annotations

import pytest

from game.engine import ActionError
from game.engine.facilitator import interventions, rating_of_votes
from game.engine.session import Session

SID = "weak_guarantee"


def fresh(engines, rounds=None):
    return Session(engines[SID], 3, ["europe"], rounds=rounds)


def card_of(s: Session) -> str:
    return s.state["hands"]["europe"][0]


def end_round(s: Session) -> None:
    """Europe (the person) passes its turns, then tables once it may; the computer seats
    play their own turns."""
    r = s.state["round"]
    for _ in range(20):
        if s.state["round"] != r or s.over or s.state["phase"] != "talks":
            return
        kind = "table" if s.state["lap"] >= 2 else "pass"
        s.act({"type": kind, "seat": str(s.state["turn"])})
    raise AssertionError("the round did not end")


def test_a_lesson_game_ends_after_its_rounds(engines):
    s = fresh(engines, rounds=2)
    assert s.state["rounds"] == 2
    end_round(s)
    assert s.state["round"] == 2 and not s.over
    end_round(s)
    if s.state["phase"] == "signing":  # Russia accepted: Europe refuses, the round ends
        s.act({"type": "refuse", "seat": "europe"})
    assert s.over and s.state["outcome"]["reason"] in ("rounds_out", "russia_accepts")
    assert s.state["outcome"]["round"] == 2
    full = fresh(engines)
    assert full.state["rounds"] == engines[SID].rounds > 2


@pytest.mark.parametrize("bad", [0, -1, 99, "2", 2.0, True])
def test_a_game_length_out_of_range_is_refused(engines, bad):
    with pytest.raises(ActionError, match="1 to 8 rounds"):
        engines[SID].new_game(1, ["europe"], rounds=bad)


def test_a_verdict_decides_an_argument_instead_of_the_dice(engines):
    outcomes = {}
    for rating in ("strong", "weak", "fails"):
        s = fresh(engines)
        card = card_of(s)
        before = dict(s.state["positions"])
        ev = s.do(
            {
                "type": "verdict",
                "seat": "facilitator",
                "by": "europe",
                "card": card,
                "rating": rating,
                "reason": "the class found it convincing",
            }
        )
        v = next(e for e in ev if e["type"] == "verdict")
        assert v["rating"] == rating and v["success"] == (rating != "fails")
        assert ev[0] == {
            "type": "intervention",
            "action": "verdict",
            "reason": "the class found it convincing",
        }
        assert card not in s.state["hands"]["europe"]
        assert s.state["used"]["europe"]["arguments"] == 1
        assert s.state["played"][-1]["verdict"] == rating
        moved = {k: s.state["positions"][k] - before[k] for k in before}
        outcomes[rating] = sum(abs(d) for d in moved.values())
    assert outcomes["strong"] > outcomes["weak"] or outcomes["strong"] == outcomes["weak"] == 0
    assert outcomes["fails"] == 0
    assert outcomes["strong"] > 0, "the card chosen moves someone"


def test_a_class_vote_reads_the_mean_mark():
    assert rating_of_votes([0, 0, 0, 2, 3]) == "strong"
    assert rating_of_votes([0, 1, 3, 1, 0]) == "weak"
    assert rating_of_votes([4, 1, 0, 0, 1]) == "fails"
    assert rating_of_votes([0, 0, 0, 0, 0]) == "fails"


@pytest.mark.parametrize(
    "action, message",
    [
        ({"type": "verdict", "by": "europe", "rating": "strong"}, "needs a reason"),
        ({"type": "verdict", "by": "europe", "rating": "strong", "reason": "  "}, "needs a reason"),
        ({"type": "verdict", "by": "russia", "rating": "strong", "reason": "r"}, "unknown seat"),
        ({"type": "verdict", "by": "europe", "reason": "r"}, "either a rating or"),
        ({"type": "verdict", "by": "europe", "rating": "great", "reason": "r"}, "not one of"),
        ({"type": "verdict", "by": "europe", "votes": [1, 2], "reason": "r"}, "5 counts"),
        ({"type": "verdict", "by": "europe", "votes": [1, 2, 3, 4, -1], "reason": "r"}, "5 counts"),
        ({"type": "inject", "event": "event.nowhere", "reason": "r"}, "no event"),
        ({"type": "inject", "event": "event.anchorage", "reason": "r"}, "already been told"),
        ({"type": "skip"}, "needs a reason"),
        ({"type": "end_talks", "reason": ""}, "needs a reason"),
    ],
)
def test_a_bad_intervention_says_what_is_wrong(engines, action, message):
    s = fresh(engines)
    if action["type"] == "verdict":
        action = {"card": card_of(s), **action}
    before = s.state
    with pytest.raises(ActionError, match=message):
        s.do(action)
    assert s.state is before and s.actions == []


def test_an_injected_event_happens_now_and_not_again_on_its_date(engines):
    s = fresh(engines)
    ev = s.do({"type": "inject", "event": "event.summer_offensive", "reason": "to raise stakes"})
    assert {"type": "news", "event": "event.summer_offensive", "date": s.state["date"]} in ev
    assert "event.summer_offensive" in s.state["news"]
    with pytest.raises(ActionError, match="already been told"):
        s.do({"type": "inject", "event": "event.summer_offensive", "reason": "again"})
    for _ in range(2):  # rounds 2 and 3: its own date comes in round 3
        end_round(s)
    told = [e for e in s.all_events() if e["type"] == "news"]
    assert [e["event"] for e in told].count("event.summer_offensive") == 1


def test_skip_sends_the_package_to_russia_and_end_talks_ends_the_game(engines):
    s = fresh(engines)
    ev = s.do({"type": "skip", "seat": "facilitator", "reason": "time is up"})
    assert any(e["type"] == "russia" for e in ev)
    assert s.state["round"] == 2 or s.over
    s.do({"type": "end_talks", "seat": "facilitator", "reason": "the bell rang"})
    assert s.over and s.state["outcome"] == {
        "kind": "timeout",
        "reason": "facilitator_ends",
        "round": s.state["round"],
    }
    with pytest.raises(ActionError, match="over"):
        s.do({"type": "skip", "reason": "x"})


def test_interventions_are_replayed_and_read_back_with_their_round_and_reason(engines):
    s = fresh(engines, rounds=3)
    card = card_of(s)
    s.do(
        {
            "type": "verdict",
            "by": "europe",
            "card": card,
            "votes": [0, 0, 1, 2, 2],
            "reason": "vote",
        }
    )
    end_round(s)
    s.do({"type": "override", "seat": "facilitator", "reason": "calm", "set": {"momentum": 10}})
    s.do({"type": "end_talks", "reason": "the bell"})
    again = Session(engines[SID], 3, ["europe"], s.actions, rounds=3)
    assert again.state == s.state
    got = interventions(again.actions, again.events)
    assert [(i["type"], i["round"], i["reason"]) for i in got] == [
        ("verdict", 1, "vote"),
        ("override", 2, "calm"),
        ("end_talks", 2, "the bell"),
    ]
    assert got[0]["rating"] == "strong"
