"""The screens (pygame-ce): the scene stack, widgets, the text-layout module and the theme.

Start with `game.ui.app` (the loop and `App`), `game.ui.scene` (the `Scene` base class),
`game.ui.text` (all text goes through `draw_text`/`layout`), `game.ui.widgets` and
`game.ui.theme`. Nothing here changes the engine's state: scenes turn input into actions.
"""

from __future__ import annotations

import os

# pygame prints a banner on import unless told not to; the UI is always imported through here.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
