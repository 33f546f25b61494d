"""Loading a saved game (GAME-DESIGN 7, 9): the saves in the saves folder, the game last
played first, then newest first, each by its name (a class's own, "9B Tuesday"; else its
scenario) with its scenario, round and time; Rename (N) gives a game a name or another,
written into its save. A damaged one (any
file that is not a save: cut off, edited, a FIFO) shows its one-line message and, when its
backup (`NAME.bak`) reads, offers the backup. A damaged file is never overwritten or moved:
a game opened from a backup saves under a new name. A save can be deleted (after a question).

`resume(app, flow)` opens a loaded game at the right screen for its state: the round, the
signing, or the ending; when its scenario may not be the one it was played with, it asks
first (open anyway, or cancel).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game import safeio, saves
from game.ui import vocab
from game.ui.doc import Block, Card, DocView, Line, Text, Widgets
from game.ui.flow import GameFlow
from game.ui.layout import row
from game.ui.scene import Scene, section_title
from game.ui.scenes import game_nav
from game.ui.text import draw_line, ltr
from game.ui.theme import signal
from game.ui.widgets import Button, ListView, rounded

if TYPE_CHECKING:
    from game.ui.app import App

AUTOSAVE = "autosave.json"


def saves_folder(app: App) -> Path:
    return Path(app.data_dir) / "saves"


def readable(path: Path) -> bool:
    try:
        saves.read(path)
    except saves.SaveError:
        return False
    return True


def last_game(app: App) -> Path | None:
    """The save of the game last played (what Continue opens)."""
    return saves.last(saves_folder(app))


def _listed(folder: Path) -> list[Path]:
    """Every `*.json` in the folder that is not a folder or hidden: saves, and anything that
    took a save's name (listed as damaged, never opened)."""
    out = []
    for p in folder.glob("*.json"):
        if p.name.startswith("."):
            continue
        try:
            if p.is_dir():
                continue
        except OSError:
            pass
        out.append(p)
    return out


def has_saves(app: App) -> bool:
    try:
        return bool(_listed(saves_folder(app)))
    except OSError:
        return False


def resume(app: App, flow: GameFlow) -> None:
    """Show a loaded game at its point: the ending, the signing or the round; first ask
    when its scenario may not be the one it was played with."""
    notice, flow.notice = flow.notice, None
    if notice is not None:
        from game.ui.scenes.round_dialogs import ConfirmScene

        app.push(
            ConfirmScene(
                app,
                app.t("saving.notice_heading"),
                say(notice, app.t),
                app.t("saving.notice_open"),
                lambda: resume(app, flow),
                shortcut="o",
                danger=True,
            )
        )
        return

    phase = flow.state["phase"]
    if phase == "over":
        game_nav.finish(app, flow)
    elif phase == "signing":
        game_nav.after_answer(app, flow)
    else:
        game_nav.turn(app, flow)


def open_save(app: App, path: Path, *, recovered_from: Path | None = None) -> GameFlow:
    """A GameFlow from a save file; raises saves.SaveError (one line) when it cannot open.
    A game opened from a backup saves under a new name, never over the damaged file."""

    flow = GameFlow.load(path, save_dir=saves_folder(app))
    if recovered_from is not None:
        # the game goes on under a new name; a damaged autosave is kept aside by the next
        # autosave itself (game.saves never overwrites a damaged file)
        flow.save_path = _fresh_name(recovered_from)
    return flow


def _fresh_name(damaged: Path) -> Path:
    stem = damaged.name[: -len(".json")] if damaged.name.endswith(".json") else damaged.name
    n = 1
    while True:
        p = damaged.with_name(f"{stem}-recovered{'' if n == 1 else f'-{n}'}.json")
        if not p.exists():
            return p
        n += 1


def _without_path(message: str, path: Path) -> str:
    """A SaveError's line without the file's path in front (the screen names the file)."""
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def say(problem: saves.SaveError | str, t: Any) -> str:
    """A save's problem in the player's language (`after.saves_error.KEY`), English detail
    as the fallback."""
    if isinstance(problem, saves.SaveError):
        key = f"after.saves_error.{problem.key}"
        fmt = {k: ltr(str(v)) if k == "path" else str(v) for k, v in problem.fmt.items()}
        said = str(t(key, **fmt))
        return said if said != key else problem.detail
    return problem


@dataclass
class SaveEntry:
    path: Path
    data: dict[str, Any] | None
    error: str = ""
    problem: saves.SaveError | None = None
    backup: Path | None = None
    backup_data: dict[str, Any] | None = None
    mtime: float = 0.0

    @property
    def ok(self) -> bool:
        return self.data is not None


def scan(folder: Path) -> list[SaveEntry]:
    """Every save in the folder (not backups or temporary files), newest first."""
    out: list[SaveEntry] = []
    try:
        files = _listed(folder)
    except OSError:
        return out
    for p in files:
        try:
            mtime = p.stat().st_mtime
        except OSError:
            mtime = 0.0
        e = SaveEntry(p, None, mtime=mtime)
        try:
            e.data = saves.read(p)
        except saves.SaveError as err:
            e.error = _without_path(str(err), p)
            e.problem = err
            bak = p.with_name(p.name + ".bak")
            if safeio.is_regular(bak):
                try:
                    e.backup_data = saves.read(bak)
                    e.backup = bak
                except saves.SaveError:
                    pass
        out.append(e)
    latest = saves.last(folder)
    out.sort(key=lambda e: (e.path != latest, -e.mtime, e.path.name))
    return out


class LoadScene(Scene):
    name = "load"

    def __init__(self, app: App, errors: dict[Path, str | saves.SaveError] | None = None) -> None:
        self.errors: dict[Path, str] = {
            p: _without_path(str(m), p) for p, m in (errors or {}).items()
        }
        """Saves that read but could not be opened (the scenario changed, ...): path -> line."""
        self.problems: dict[Path, saves.SaveError] = {
            p: m for p, m in (errors or {}).items() if isinstance(m, saves.SaveError)
        }
        self.deleted_error = ""
        super().__init__(app)

    def build(self) -> None:
        app = self.app
        self.entries = scan(saves_folder(app))
        self.latest = saves.last(saves_folder(app))
        self.list: ListView[SaveEntry] = ListView(
            app,
            self.entries,
            label=self._label,
            sublabel=self._sublabel,
            on_select=lambda e: self._selected(),
            on_activate=lambda e: self.open_selected(),
            name="saves",
        )
        self.open_btn = Button(
            app, "after.load.open", self.open_selected, shortcut="o", kind="primary", name="open"
        )
        self.backup_btn = Button(
            app, "after.load.open_backup", self.open_backup, shortcut="b", name="open_backup"
        )
        self.delete_btn = Button(app, "saving.delete", self.ask_delete, shortcut="d", name="delete")
        self.rename_btn = Button(app, "names.rename", self.ask_rename, shortcut="n", name="rename")
        self.ring.add(self.list, self.open_btn, self.rename_btn, self.backup_btn, self.delete_btn)
        self.doc = DocView(app)
        self.ring.on_focus = self.doc.reveal
        self.ring.focus(self.list)
        self._selected()

    # ------------------------------------------------------------ the list

    def _title_of(self, data: dict[str, Any] | None) -> str:
        if not data:
            return ""
        sid = str(data["scenario"]["id"])
        for s in self.app.content.scenarios():
            if s.id == sid:
                return vocab.text_of(s.title, self.lang)
        return sid

    def _label(self, e: SaveEntry) -> str:
        """A named game by its name (a class's: "9B Tuesday"), else by its scenario."""
        if e.ok:
            name = (e.data or {}).get("name")
            return str(name) if name else self._title_of(e.data)
        return f"{signal('warning')[0]} {self.t('after.load.damaged')}"

    def _when(self, data: dict[str, Any] | None, e: SaveEntry) -> str:
        raw = (data or {}).get("saved_at")
        try:
            when = dt.datetime.fromisoformat(str(raw)) if raw else None
        except ValueError:
            when = None
        if when is None:
            when = dt.datetime.fromtimestamp(e.mtime) if e.mtime else None
        if when is None:
            return ""
        return f"{vocab.date_words(when.date().isoformat(), self.lang)} {when:%H:%M}"

    def _sublabel(self, e: SaveEntry) -> str:
        name = self.t("after.load.autosave") if e.path.name == AUTOSAVE else e.path.name
        last = self.t("saving.last_game") if e.path == self.latest else ""
        if not e.ok:
            return " · ".join(p for p in (last, name) if p)
        rnd = (e.data or {}).get("round")
        named = bool((e.data or {}).get("name"))
        parts = [
            last,
            self._title_of(e.data) if named else "",
            self.t("after.load.round", n=rnd) if rnd else "",
            self._when(e.data, e),
        ]
        return " · ".join(p for p in [*parts, "" if named else name] if p)

    @property
    def entry(self) -> SaveEntry | None:
        return self.list.selected

    def _selected(self) -> None:
        e = self.entry
        self.open_btn.enabled = self.open_btn.visible = bool(e and e.ok)
        self.rename_btn.enabled = self.rename_btn.visible = bool(e and e.ok)
        self.backup_btn.visible = bool(e and not e.ok and e.backup is not None)
        self.delete_btn.enabled = e is not None
        self._layout_key = None
        self.dirty = True

    # ------------------------------------------------------------ opening

    def open_selected(self) -> None:
        e = self.entry
        if e is None or not e.ok:
            return
        self._open(e.path, e.path, None)

    def ask_delete(self) -> None:
        from game.ui.scenes.round_dialogs import ConfirmScene

        e = self.entry
        if e is None:
            return
        self.app.push(
            ConfirmScene(
                self.app,
                self.t("saving.delete_heading"),
                self.t("saving.delete_body", name=ltr(e.path.name)),
                self.t("saving.delete_confirm"),
                lambda: self.delete(e),
                shortcut="d",
                danger=True,
            )
        )

    def ask_rename(self) -> None:
        """Give the selected game a name (or another), written into its save."""
        from game.ui.scenes.rename import RenameScene

        e = self.entry
        if e is None or not e.ok:
            return
        path = e.path

        def done() -> None:
            self.entries = scan(saves_folder(self.app))
            self.latest = saves.last(saves_folder(self.app))
            self.list.set_items(self.entries, keep=False)
            index = next((i for i, x in enumerate(self.entries) if x.path == path), 0)
            self.list.select(index)
            self._selected()

        self.app.push(
            RenameScene(
                self.app, path, (e.data or {}).get("name"), done, lambda err: say(err, self.t)
            )
        )

    def delete(self, e: SaveEntry) -> None:
        """Delete a save and its backup (after the question); the list is read again."""
        problem = ""
        for p in (e.path, e.path.with_name(e.path.name + ".bak")):
            try:
                p.unlink()
            except FileNotFoundError:
                pass
            except OSError as err:
                problem = safeio.os_reason(err)
        self.deleted_error = (
            self.t("saving.delete_failed", name=ltr(e.path.name), problem=problem)
            if problem
            else ""
        )
        index = self.list.index
        self.entries = scan(saves_folder(self.app))
        self.latest = saves.last(saves_folder(self.app))
        self.list.set_items(self.entries, keep=False)
        self.list.select(min(max(index, 0), len(self.entries) - 1))
        self._selected()

    def open_backup(self) -> None:
        e = self.entry
        if e is None or e.backup is None:
            return
        self._open(e.backup, e.path, e.path)

    def _open(self, path: Path, key: Path, recovered_from: Path | None) -> None:
        try:
            flow = open_save(self.app, path, recovered_from=recovered_from)
        except saves.SaveError as err:
            self.errors[key] = _without_path(str(err), path)
            self.problems[key] = err
            self._layout_key = None
            self.dirty = True
            return
        resume(self.app, flow)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.doc.viewport.collidepoint(
            pygame.mouse.get_pos()
        ):
            return self.doc.handle(event)
        return super().handle(event)

    # ------------------------------------------------------------ layout

    def layout(self, rect: pygame.Rect) -> None:
        th = self.theme
        f = self.standard_frame(rect, "title.load")
        body = f.body
        head = th.text("small_bold").line_height + th.px(10)
        if body.width >= th.px(760):
            left, right = row(body, [0.46, None], th.px(28), self.rtl)
        else:
            h = max(body.height // 2, th.px(160))
            left = pygame.Rect(body.left, body.top, body.width, h)
            right = pygame.Rect(
                body.left, left.bottom + th.gap, body.width, body.bottom - left.bottom - th.gap
            )
        self.list_head = pygame.Rect(left.left, left.top, left.width, head)
        self.list.rect = pygame.Rect(
            left.left, left.top + head, left.width, max(0, left.height - head)
        )
        self.list.reveal()
        self.right = right
        self.doc.layout(right, self._details())

    def _details(self) -> list[Block]:
        c, lang = self.theme.c, self.lang
        e = self.entry
        folder = saves_folder(self.app)
        if e is None:
            return [
                *self._deleted(),
                Card(
                    self,
                    [
                        Text(self, self.t("after.load.none"), "body"),
                        Text(self, self.t("after.load.folder", path=ltr(str(folder))), "caption"),
                    ],
                ),
            ]
        items: list[Block] = []
        if e.ok:
            d = e.data or {}
            items += [
                Text(self, str(d.get("name") or self._title_of(d)), "h2"),
                Line(
                    self,
                    self.t("names.name_label"),
                    str(d.get("name") or self.t("names.unnamed")),
                    role="small",
                    value_lang=lang,
                ),
                Line(self, self.t("names.scenario"), self._title_of(d), role="small"),
                Line(
                    self, self.t("after.load.round_label"), str(d.get("round", "?")), role="small"
                ),
                Line(
                    self,
                    self.t("after.load.saved"),
                    self._when(d, e),
                    role="small",
                    value_lang=lang,
                ),
                Line(
                    self,
                    self.t("after.load.people"),
                    vocab.seat_list(list(d.get("humans", [])), lang),
                    role="small",
                    value_lang=lang,
                ),
                Line(self, self.t("common.seed"), str(d.get("seed", "")), role="small"),
                Line(
                    self,
                    self.t("after.load.actions"),
                    str(len(d.get("actions", []))),
                    role="small",
                ),
                Text(self, self.t("after.load.file", name=ltr(e.path.name)), "caption"),
            ]
            err = self.errors.get(e.path)
            if err:
                items.append(
                    Text(
                        self,
                        say(self.problems.get(e.path, err), self.t),
                        "small_bold",
                        colour=c.bad,
                        bullet=signal("warning")[0],
                        bullet_colour=c.bad,
                    )
                )
            items.append(Widgets(self, [self.open_btn, self.rename_btn, self.delete_btn]))
            return [*self._deleted(), Card(self, items, accent=c.accent, gap=8)]
        items += [
            Text(
                self, f"{signal('warning')[0]} {self.t('after.load.damaged')}", "h3", colour=c.bad
            ),
            Text(self, say(e.problem or e.error, self.t), "small_bold"),
            Text(self, self.t("after.load.untouched"), "small"),
        ]
        if e.backup is not None:
            b = e.backup_data or {}
            items += [
                Text(
                    self,
                    self.t(
                        "after.load.backup",
                        title=self._title_of(b),
                        n=b.get("round", "?"),
                        when=self._when(b, e),
                    ),
                    "body",
                ),
                Text(self, self.t("after.load.backup_new_name"), "caption"),
            ]
            err = self.errors.get(e.path)
            if err:
                items.append(
                    Text(
                        self,
                        say(self.problems.get(e.path, err), self.t),
                        "small_bold",
                        colour=c.bad,
                    )
                )
            items.append(Widgets(self, [self.backup_btn, self.delete_btn]))
        else:
            items.append(Text(self, self.t("after.load.no_backup"), "small"))
            items.append(Widgets(self, [self.delete_btn]))
        return [*self._deleted(), Card(self, items, accent=c.bad, gap=8)]

    def _deleted(self) -> list[Block]:
        """A deletion that failed (the folder is read-only, ...), above the selected save."""
        if not self.deleted_error:
            return []
        return [Text(self, self.deleted_error, "small_bold", colour=self.theme.c.bad)]

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        th, c = self.theme, self.theme.c
        self.draw_frame(surface)
        section_title(
            surface, self, self.t("after.load.saves", n=len(self.entries)), self.list_head
        )
        rounded(surface, self.list.rect.inflate(th.px(8), th.px(8)), c.panel, c.border, th.radius)
        if not self.entries:
            draw_line(
                surface,
                self.t("after.load.none"),
                self.list.rect.center,
                th.text("body_dim"),
                self.lang,
                anchor="center",
                max_width=self.list.rect.width - th.pad,
            )
        self.doc.draw(surface)
        self.ring.draw(surface)
