"""The window's own event types, made together at one import (so that no two share a number:
a type made later, after pygame was shut down and started again, could)."""

from __future__ import annotations

import pygame

WAKE_EVENT = pygame.event.custom_type()
"""Posted from `StopSignals`' thread to wake a loop waiting for input."""
NET_EVENT = pygame.event.custom_type()
"""Posted from a class game's network thread when something changed (a view arrived, a seat
joined): the screen on top reads the news on the window's own thread."""
