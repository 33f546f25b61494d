"""Players: whoever plays a seat, given only that seat's view, answers with one action.

    class Player(Protocol):
        def act(self, view: View) -> Action: ...

A player is asked only on its seat's turn (`drive` runs them). `EasyPlayer` is the computer
seats' behaviour at level `easy`; `NormalPlayer` and `HardPlayer` the levels above it
(`levels`); the scripted strategies of `guarantor simulate` are players too
(`strategies.StrategyPlayer`). `make_player(engine, seat, level, seed)` makes the computer
player of a level (`LEVELS`: easy, normal, hard). `respond` is how a script or a bot playing a
person's seat answers a computer seat's argument.
"""

from __future__ import annotations

from game.engine.easy import EasyPlayer, Player, respond
from game.engine.levels import LEVELS, HardPlayer, NormalPlayer, make_player

__all__ = [
    "LEVELS",
    "EasyPlayer",
    "HardPlayer",
    "NormalPlayer",
    "Player",
    "make_player",
    "respond",
]
