"""Shared test set-up: run from the project's top folder, with SDL's dummy drivers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("GUARANTOR_CACHE_DIR", tempfile.mkdtemp(prefix="guarantor-cache-"))
# settings, saves and crash reports of the tests never land in the user's own folders
os.environ.setdefault("GUARANTOR_CONFIG_DIR", tempfile.mkdtemp(prefix="guarantor-config-"))
os.environ.setdefault("GUARANTOR_DATA_DIR", tempfile.mkdtemp(prefix="guarantor-data-"))

SCENARIOS = ("weak_guarantee", "ground_troops", "air_support_only", "article5_pledge", "tutorial")
MAIN_SCENARIOS = SCENARIOS[:4]


@pytest.fixture(scope="session")
def bundles():
    """Every shipped scenario, loaded in full and linted, once per test session."""
    from game.content.loader import load, resolve

    return {sid: load(resolve(sid)) for sid in SCENARIOS}


@pytest.fixture(scope="session")
def engines(bundles):
    from game.engine import Engine

    return {sid: Engine(b.book) for sid, b in bundles.items()}
