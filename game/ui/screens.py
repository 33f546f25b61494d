"""The game's screens by their part in it, for `game_nav`, which cannot import them itself
(they import it to go on). The app holds this table as `app.screens`."""

from __future__ import annotations

from game.ui.scenes.answer import AnswerScene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.ending import EndingScene
from game.ui.scenes.game_nav import Screens
from game.ui.scenes.handoff import HandoffScene
from game.ui.scenes.round import RoundScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.signing import SigningScene
from game.ui.scenes.title import TitleScene

SCREENS = Screens(
    title=TitleScene,
    setup=SetupScene,
    briefing=BriefingScene,
    handoff=HandoffScene,
    round=RoundScene,
    answer=AnswerScene,
    signing=SigningScene,
    ending=EndingScene,
    debrief=DebriefScene,
)
