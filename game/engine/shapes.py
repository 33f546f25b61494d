"""The shapes of the engine's plain data: the state, the actions and the events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

State = dict[str, Any]
Action = Mapping[str, Any]
Event = dict[str, Any]
Cause = dict[str, str]
"""What caused a change: `{"argument": id}`, `{"move": id}`, `{"rule": id}`, ..."""
