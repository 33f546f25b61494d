"""A loaded scenario: its files, each with its marks and its checked model, and the plain-data
rulebook assembled from them. The loader makes bundles; the lint pass and the screens read
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import schema
from game.content.yamlload import Doc

CORE_INDICATORS = ("territory", "momentum", "us_engagement", "unity")
"""Indicators every scenario starts with (the engine and the screens read them)."""


@dataclass
class Source:
    """One file: where it is, its marks, and its checked model."""

    doc: Doc
    model: Any


@dataclass
class Bundle:
    """A scenario with everything it uses, before and after assembly."""

    path: Path
    scenario: schema.Scenario
    files: dict[str, Source]
    """`scenario` and each common file by name."""
    book: dict[str, Any] = field(default_factory=dict)
    """The plain-data rulebook the engine compiles."""

    def common(self, name: str) -> Any:
        return self.files[name].model
