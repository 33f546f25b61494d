"""Settings files as they are found on players' machines: damaged, hand-edited, written by
a newer version, or not files at all. Every launch works; each bad value falls back on its
own; the old file is kept aside; the player is told once, in their language; a newer
version's settings survive."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pygame
import pytest

from game.ui import prefs
from game.ui.app import App
from game.ui.text import ltr

from .conftest import ROOT

SIZE = (1280, 800)


def write(folder, text: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / prefs.SETTINGS_FILE
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def kept_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("settings-damaged-"))


DEEP = "[" * 40 + "]" * 40  # deeper than one value may nest, within what a file may


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ('{"lang": "ar", "scale": 1e400, "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": Infinity, "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": -Infinity, "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": NaN, "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": 1e308, "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": "big", "animations": false}', ["scale"]),
        ('{"lang": "ar", "scale": 1.5, "animations": false, "extra": ' + DEEP + "}", ["extra"]),
        (
            '{"lang": "ar", "scale": 1.5, "animations": false, "window": [1e400, 5]}',
            ["window"],
        ),
        ('{"lang": "ar", "animations": false, "fullscreen": 3, "scale": 2}', ["fullscreen"]),
        (
            '{"lang": "ar", "animations": false, "notes": ' + "9" * 40 + ', "scale": 1.25}',
            ["notes"],
        ),
    ],
)
def test_a_bad_value_falls_back_alone(tmp_path, text, bad):
    write(tmp_path, text)
    settings, damage = prefs.load(tmp_path)
    assert damage is not None and damage.why == "" and damage.keys == bad
    assert settings.lang == "ar" and settings.animations is False  # the good values are kept
    defaults = prefs.Settings()
    for name in bad:
        if name in prefs.KNOWN:
            assert getattr(settings, name) == getattr(defaults, name)
    # the old file is kept as it was; a repaired one is in its place
    (kept,) = kept_files(tmp_path)
    assert damage.kept == tmp_path / kept
    assert (tmp_path / kept).read_text(encoding="utf-8") == text
    again, damage_again = prefs.load(tmp_path)
    assert damage_again is None and again.lang == "ar"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{not json", "bad_json"),
        ("[]", "not_object"),
        ('"settings"', "not_object"),
        (b"\xff\xfe\x00", "not_utf8"),
        ('{"lang": "ar", "extra": ' + "[" * 5000 + "]" * 5000 + "}", "too_deep"),
        ('{"lang": "ar", "extra": ' + "[" * 100 + "]" * 99 + "}", "bad_json"),
        (" " * (prefs.MAX_BYTES + 1), "too_large"),
    ],
)
def test_a_file_that_cannot_be_read_gives_the_defaults_and_is_kept(tmp_path, text, why):
    write(tmp_path, text)
    settings, damage = prefs.load(tmp_path)
    assert damage is not None and damage.why == why and damage.kept is not None
    assert settings.to_dict() == prefs.Settings().to_dict()
    raw = text if isinstance(text, bytes) else text.encode()
    assert damage.kept.read_bytes() == raw
    assert prefs.load(tmp_path)[1] is None


def test_a_fifo_or_a_device_does_not_hang(tmp_path):
    """Each in a child process with a deadline, so a hang fails the test instead of
    stopping the run; the special file is moved aside, not read."""
    fifo_dir, dev_dir = tmp_path / "fifo", tmp_path / "dev"
    fifo_dir.mkdir()
    dev_dir.mkdir()
    os.mkfifo(fifo_dir / "settings.json")
    os.symlink("/dev/zero", dev_dir / "settings.json")
    code = (
        "import sys; from pathlib import Path; from game.ui import prefs; "
        "s, d = prefs.load(Path(sys.argv[1])); print(d.why, d.kept.name if d.kept else '-')"
    )
    for folder in (fifo_dir, dev_dir):
        out = subprocess.run(
            [sys.executable, "-c", code, str(folder)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        why, kept = out.stdout.split()
        assert why == "not_regular" and kept.startswith("settings-damaged-")
        assert (folder / "settings.json").is_file()  # a regular file in its place now
    assert (dev_dir / kept).is_symlink()  # the link itself was moved, the device untouched


def test_a_newer_versions_settings_survive(tmp_path):
    newer = {
        "version": 3,
        "lang": "fr",  # a language this version does not have
        "scale": 1.5,
        "theme": {"contrast": "high"},
        "recent": ["ground_troops", "tutorial"],
    }
    write(tmp_path, json.dumps(newer))
    settings, damage = prefs.load(tmp_path)
    assert damage is None and kept_files(tmp_path) == []
    assert settings.lang == "en" and settings.scale == 1.5
    assert prefs.save(tmp_path, settings)
    written = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert written["version"] == 3 and written["lang"] == "fr"
    assert written["theme"] == {"contrast": "high"}
    assert written["recent"] == ["ground_troops", "tutorial"]
    settings.lang = "ar"  # the player chose a language: that choice wins
    settings.scale = 2.0
    assert prefs.save(tmp_path, settings)
    written = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert written["lang"] == "ar" and written["scale"] == 2.0 and "theme" in written


def test_unknown_keys_are_kept_by_the_app_on_exit(tmp_path, content):
    cfg = tmp_path / "cfg"
    write(cfg, json.dumps({"version": 1, "lang": "ar", "future": {"x": [1, 2]}}))
    app = App(size=SIZE, config_dir=cfg, data_dir=tmp_path, content=content)
    app.set_scale(1.5)
    app.shutdown()
    written = json.loads((cfg / "settings.json").read_text(encoding="utf-8"))
    assert written["future"] == {"x": [1, 2]} and written["scale"] == 1.5
    assert written["lang"] == "ar"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_player_is_told_once_on_screen_in_their_language(tmp_path, content, lang):
    cfg = tmp_path / "cfg"
    write(cfg, json.dumps({"lang": lang, "animations": False})[:-1] + ', "scale": 1e400}')
    app = App(size=SIZE, config_dir=cfg, data_dir=tmp_path, content=content)
    assert app.lang == lang and app.settings.animations is False
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run()
    notice = app.top
    assert notice is not None and notice.name == "notice"
    (kept,) = kept_files(cfg)
    lines = notice.lines()
    assert lines[0] == app.t("settings_damaged.some", names=app.t("settings_damaged.names.scale"))
    assert lines[1] == app.t("settings_damaged.kept", name=ltr(kept), folder=ltr(str(cfg)))
    assert app.t("settings_damaged.heading") != "settings_damaged.heading"
    assert app.render(force=True)  # it draws
    # the next launch: the repaired file, nothing to tell
    again = App(size=SIZE, config_dir=cfg, data_dir=tmp_path, content=content)
    assert again.settings_damaged is None and again.lang == lang
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    again.run()
    assert again.top is not None and again.top.name == "title"


def test_the_notice_closes_with_enter_and_follows_the_language(tmp_path, content):
    cfg = tmp_path / "cfg"
    write(cfg, "{damaged")
    app = App(size=SIZE, config_dir=cfg, data_dir=tmp_path, content=content)
    app.title()
    app.tell_settings_damaged()
    app.tell_settings_damaged()  # once only
    assert [s.name for s in app.stack] == ["title", "notice"]
    notice = app.top
    assert notice is not None
    assert notice.lines()[0] == app.t(
        "settings_damaged.all", why=app.t("settings_damaged.why.bad_json")
    )
    app.toggle_lang()
    assert notice.lines()[0] == app.t(
        "settings_damaged.all", why=app.t("settings_damaged.why.bad_json")
    )
    assert app.lang == "ar" and "تعذّرت" in notice.lines()[0]
    app.render(force=True)
    app.feed([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r")])
    assert [s.name for s in app.stack] == ["title"]


def test_a_damaged_file_that_cannot_be_moved_aside_is_never_written_over(tmp_path, content):
    """The folder is read-only (a read-only bind mount when we may make one; else the
    permission bits, which bind a user who is not root)."""
    cfg = tmp_path / "cfg"
    write(cfg, '{"lang": "ar", "scale": 1e400}')
    readonly = _make_read_only(cfg)
    try:
        app = App(size=SIZE, config_dir=cfg, data_dir=tmp_path, content=content)
        damage = app.settings_damaged
        assert damage is not None and damage.kept is None and damage.keys == ["scale"]
        assert app.lang == "ar"
        app.title()
        app.tell_settings_damaged()
        assert app.top is not None and app.top.lines()[-1] == app.t("settings_damaged.not_kept")
        app.set_scale(1.5)
        app.shutdown()
    finally:
        readonly()
    assert (cfg / "settings.json").read_text() == '{"lang": "ar", "scale": 1e400}'
    assert kept_files(cfg) == []


def _make_read_only(folder):
    """Make `folder` read-only for this process; returns the undo."""
    if os.geteuid() == 0:
        out = subprocess.run(
            ["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True
        )
        if out.returncode != 0:
            out = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
            if out.returncode == 0:
                out = subprocess.run(
                    ["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True
                )
        if out.returncode != 0:
            pytest.skip("running as root and cannot make a read-only mount")
        return lambda: subprocess.run(["umount", str(folder)], check=True)
    os.chmod(folder, 0o555)
    return lambda: os.chmod(folder, 0o755)


def test_a_settings_path_under_a_file_works_and_saves_nothing(tmp_path, content):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    app = App(size=SIZE, config_dir=a_file / "cfg", data_dir=tmp_path, content=content)
    assert app.settings_damaged is None and app.lang == "en"
    assert app.save_settings() is False
    assert a_file.read_text() == "x"
