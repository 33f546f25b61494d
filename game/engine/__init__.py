"""The pure engine: no pygame, no file I/O, plain data, one `apply(state, action)`."""

from game.engine.game import ActionError, Engine, State, View, current_player, view
from game.engine.package import PackageError

__all__ = ["ActionError", "Engine", "PackageError", "State", "View", "current_player", "view"]
