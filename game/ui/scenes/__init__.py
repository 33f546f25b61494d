"""The screens. Each is a `game.ui.scene.Scene`; `App` pushes and pops them."""
