"""Reading one content file: YAML text to plain data, with the place of every node.

Teachers edit these files by hand, so this module refuses anything surprising and says
where and what, always as `ContentError` (never any other exception):

* safe loading only, through the YAML event stream (libyaml's C parser when present);
  the tree is built here without recursion, so very deep nesting cannot crash anything
  and is refused past `MAX_DEPTH` levels as soon as it is seen;
* files over `MAX_BYTES`, invalid UTF-8, control characters, empty files;
* anchors and aliases (no "billion laughs"), explicit tags (`!!python/object`, even `!!str`),
  duplicate keys, keys that are not text, more than one document, a top level that
  is not a mapping.

Scalars are read as YAML 1.1 safe loading reads them, except where that surprises:

* only `true` and `false` are booleans: `yes`, `no`, `on` and `off` stay text;
* a number with a leading zero (`010`, which YAML 1.1 reads as the octal 8) is refused with
  a hint; base-60 numbers (`1:30`, read as 90) stay text;
* `.nan`, `.inf` and numbers too large for a float (`1e999`) are refused where they stand;
* dates stay text (pydantic reads `2025-08-15`);
* keys are always text: `true:` or `on:` as a key is the text `true` or `on`; a number or
  an empty key is refused.

`validate` then checks the data against a pydantic model and maps every error back to
the line and column of the value (or key) it is about.
"""

from __future__ import annotations

import bisect
import itertools
import math
import os
import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from game.content import schema
from game.content.problems import MAX_PROBLEMS, ContentError, Problem, capped, did_you_mean
from game.safeio import InputError, read_bytes

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000
"""Values (keys included) in one file. The largest real file has under two thousand;
this bounds the time a hostile file takes to load and check to well under a second."""
_KEEP = 1000
"""Problems kept while reading (they come in file order), and pydantic errors explained
in full (the earliest in the file); the rest are only counted."""

PathPart = str | int
Loc = tuple[PathPart, ...]

_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)

_TAG_PREFIX = "tag:yaml.org,2002:"
_INT = _TAG_PREFIX + "int"
_FLOAT = _TAG_PREFIX + "float"
_BOOL = _TAG_PREFIX + "bool"
_NULL = _TAG_PREFIX + "null"

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML 1.1 (and so the parser's marks) count them."""
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_KEY = re.compile(r"[\w.\-]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
"""`010`: octal in YAML 1.1, ten to a reader; `08`: text in YAML 1.1, eight to a reader."""
_BOOLEAN_WORDS = {"true", "false"}
_ESCAPED = re.compile("[\udc80-\udcff]+")
"""Bytes that are not UTF-8, as `surrogateescape` decoding leaves them."""


# ---------------------------------------------------------------- the document


@dataclass(frozen=True)
class Mark:
    """Where a node is: `key` is the (line, column) of the mapping key that holds it
    (None for list items and the root), `value` that of the node itself. 1-based."""

    key: tuple[int, int] | None
    value: tuple[int, int]


@dataclass
class Doc:
    """A loaded file: plain data (dicts, lists, text, numbers, booleans, None) and
    the place of every node, by its path of keys and indices from the root `()`."""

    path: str
    data: Any
    marks: dict[Loc, Mark] = field(default_factory=dict)

    def at(self, loc: Sequence[PathPart], key: bool = False) -> tuple[int, int]:
        """(line, column) of the value at `loc`, or of its key when `key` is true (a list
        item or the root has no key: its value). Where `loc` is not in the file, the
        longest leading part of it that is."""
        parts = tuple(loc)
        for n in range(len(parts), -1, -1):
            mark = self.marks.get(parts[:n])
            if mark is not None:
                return mark.key if key and mark.key is not None else mark.value
        return (1, 1)


# ---------------------------------------------------------------- loading


def load_file(path: str | os.PathLike[str]) -> Doc:
    """Read and load one file; any problem, including a missing file, is a `ContentError`.

    Only a regular file is opened, without blocking (a named pipe or a device is refused at
    once), and never more than `MAX_BYTES` of it is read."""
    name = os.fsdecode(path)
    try:
        data = read_bytes(path, MAX_BYTES)
    except InputError as e:
        raise ContentError([Problem(name, 1, 1, _unreadable(e))]) from None
    return load_text(data, name)


def _unreadable(e: InputError) -> str:
    if e.key == "too_large":
        return _too_big(int(str(e.fmt.get("size", MAX_BYTES + 1))))
    if e.key == "not_regular":
        what = e.fmt.get("what")
        if what == "a folder":
            return "this is a folder, not a file"
        return f"not a regular file ({what})"
    if e.reason == "file not found":
        return "file not found"
    if e.reason == "is a folder, not a file":
        return "this is a folder, not a file"
    return f"cannot read the file: {e.reason}"


def load_text(text_or_bytes: str | bytes, path: str) -> Doc:
    """Load YAML text (or its UTF-8 bytes); `path` is only used in problems."""
    if isinstance(text_or_bytes, str):
        data = text_or_bytes.encode("utf-8", "surrogatepass")
    else:
        data = bytes(text_or_bytes)
    if len(data) > MAX_BYTES:
        raise ContentError([Problem(path, 1, 1, _too_big(len(data)))])
    text = _decode(data, path)
    if not text.strip():
        raise ContentError([Problem(path, 1, 1, "the file is empty")])
    lines = _Lines(text)
    found = _NOT_PRINTABLE.finditer(text)
    bad = [
        Problem(path, *lines.place(m.start()), _bad_character(m.group()))
        for m in itertools.islice(found, MAX_PROBLEMS + 1)
    ]
    if bad:
        raise ContentError(capped(bad, more=sum(1 for _ in found)))

    builder = _Builder(path, lines)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if not builder.feed(event):
                break
    except yaml.MarkedYAMLError as e:
        builder.syntax_error(e)
    except yaml.YAMLError as e:
        builder.read_error(e)
    return builder.finish()


def _not_finite(value: str) -> str:
    if "nan" in value.lower():
        return f"{_text(value)} (not a number) is not allowed; write a number"
    if "inf" in value.lower():
        return f"{_text(value)} (infinity) is not allowed; write a number"
    return f"{_text(value)} is too large a number"


def _too_big(size: int) -> str:
    shown = f"{size / (1024 * 1024):.1f} MiB"
    if shown == "1.0 MiB":
        shown = f"{size:,} bytes"
    return f"file is {shown}; the limit is 1 MiB"


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(
            [Problem(path, 1, 1, "not valid UTF-8 (the file is saved as UTF-16: save it as UTF-8)")]
        )
    text = data.decode("utf-8", "surrogateescape")
    lines = _Lines(text)
    problems: list[Problem] = []
    chars = 0
    offset = 0
    found = _ESCAPED.finditer(text)
    for m in itertools.islice(found, MAX_PROBLEMS + 1):
        offset += len(text[chars : m.start()].encode("utf-8", "surrogateescape"))
        chars = m.start()
        byte = ord(m.group()[0]) - 0xDC00
        line, column = lines.place(m.start())
        problems.append(
            Problem(path, line, column, f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset})")
        )
    raise ContentError(capped(problems, more=sum(1 for _ in found)))


def _bad_character(char: str) -> str:
    code = ord(char)
    kind = "a control character" if code < 0xA0 else "not a character"
    return f"the character U+{code:04X} is not allowed ({kind})"


class _Lines:
    """Character index to (line, column), 1-based, counting breaks as the parser does."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BREAKS.finditer(text)]

    def place(self, index: int) -> tuple[int, int]:
        index = max(0, min(index, len(self.text)))
        n = bisect.bisect_right(self.starts, index) - 1
        return n + 1, index - self.starts[n] + 1

    def char(self, line: int, column: int) -> str:
        """The character at a 1-based place ('' past the end of the line or file)."""
        if not 1 <= line <= len(self.starts):
            return ""
        index = self.starts[line - 1] + column - 1
        return self.text[index] if 0 <= index < len(self.text) else ""


@dataclass
class _Frame:
    """A mapping or list being built."""

    items: dict[str, Any] | list[Any]
    path: Loc | None
    """None inside something that is dropped (a key that is not text, a duplicate)."""
    expecting_key: bool = True
    key: str | None = None
    """The key whose value comes next (None: the value is dropped)."""
    key_place: tuple[int, int] | None = None
    first_lines: dict[str, int] = field(default_factory=dict)


def _place(mark: Any) -> tuple[int, int]:
    if mark is None:
        return (1, 1)
    return (int(mark.line) + 1, int(mark.column) + 1)


def _short_tag(tag: str) -> str:
    if tag.startswith(_TAG_PREFIX):
        return "!!" + tag[len(_TAG_PREFIX) :]
    return tag


class _Builder:
    """Builds the data and its marks from the event stream, without recursion."""

    def __init__(self, path: str, lines: _Lines) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []
        self.left_out = 0
        self.nodes = 0
        self.marks: dict[Loc, Mark] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_place = (1, 1)
        self.has_root = False
        self.documents = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def add(self, place: tuple[int, int], message: str) -> None:
        if len(self.problems) < _KEEP:
            self.problems.append(Problem(self.path, place[0], place[1], message))
        else:
            self.left_out += 1

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; False when reading must stop."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.add(
                    _place(event.start_mark),
                    "only one document is allowed in a file (a second one starts here)",
                )
                return False
            return True
        if isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            self.attach(frame.items)
            return True
        if isinstance(event, yaml.NodeEvent):
            return self.node(event)
        return True

    def node(self, event: yaml.NodeEvent) -> bool:
        place = _place(event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.add(place, f"too many values in one file (the limit is {MAX_NODES:,})")
            return False
        if isinstance(event, yaml.AliasEvent):
            self.add(place, f"anchors and aliases are not allowed (*{event.anchor})")
        elif event.anchor is not None:
            self.add(place, f"anchors and aliases are not allowed (&{event.anchor})")
        tag: str | None = getattr(event, "tag", None)
        if tag is not None:
            self.add(place, f"tags are not allowed ({_short_tag(tag)})")

        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.items, dict) and parent.expecting_key:
            # This node is a key.
            parent.key_place = place
            parent.key = None
            if isinstance(event, yaml.ScalarEvent):
                parent.key = self.key_text(event, place)
                key = parent.key
                if key is not None and key in parent.first_lines:
                    first = parent.first_lines[key]
                    self.add(place, f"duplicate key '{_text(key)}' (first at line {first})")
                    parent.key = None
                elif key is not None:
                    parent.first_lines[key] = place[0]
                parent.expecting_key = False
                return True
            if isinstance(event, yaml.AliasEvent):
                parent.expecting_key = False
                return True
            what = "a list" if isinstance(event, yaml.SequenceStartEvent) else "a mapping"
            self.add(place, f"keys must be text, not {what}")
            return self.open(event, None, place)

        path: Loc | None
        key_place: tuple[int, int] | None = None
        if parent is None:
            path = ()
            self.root_place = place
        elif isinstance(parent.items, dict):
            path = None
            if parent.path is not None and parent.key is not None:
                path = (*parent.path, parent.key)
            key_place = parent.key_place
        else:
            path = None if parent.path is None else (*parent.path, len(parent.items))
        if path is not None:
            self.marks[path] = Mark(key_place, place)

        if isinstance(event, yaml.ScalarEvent):
            self.attach(self.scalar(event))
        elif isinstance(event, yaml.AliasEvent):
            self.attach(None)
        else:
            return self.open(event, path, place)
        return True

    def open(self, event: yaml.NodeEvent, path: Loc | None, place: tuple[int, int]) -> bool:
        items: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(items, path))
        if len(self.stack) > MAX_DEPTH:
            self.add(place, f"the nesting is too deep: more than {MAX_DEPTH} levels")
            return False
        return True

    def attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            self.has_root = True
            return
        top = self.stack[-1]
        if isinstance(top.items, list):
            top.items.append(value)
        elif top.expecting_key:  # a list or mapping used as a key (already refused)
            top.key = None
            top.expecting_key = False
        else:
            if top.key is not None:
                top.items[top.key] = value
            top.key = None
            top.expecting_key = True

    def key_text(self, event: yaml.ScalarEvent, place: tuple[int, int]) -> str | None:
        """The text of a key; None (with a problem) if it is a number or empty."""
        value = event.value
        if event.tag is not None or not event.implicit[0]:
            return value
        tag = self.resolve(value, (True, False))
        if tag in (_INT, _FLOAT):
            self.add(place, f"keys must be text, not a number ({_text(value)})")
            return None
        if tag == _NULL:
            self.add(
                place,
                f"keys must be text, not null ({value})"
                if value
                else "keys must be text; this key is empty",
            )
            return None
        return value

    def resolve(self, value: str, implicit: tuple[bool, bool]) -> str:
        """The tag YAML 1.1 safe loading gives a scalar that has no explicit one."""
        tag = self.resolver.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
        return str(tag)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        if event.tag is not None or not event.implicit[0]:
            return value
        place = _place(event.start_mark)
        if _LEADING_ZERO.fullmatch(value):
            digits = value.replace("_", "")
            self.add(
                place,
                f"{_text(value)}: a number may not start with 0 (YAML reads 010 as the octal"
                f" number 8); write {int(digits, 10)}, or put it in quotes if it is text",
            )
            return value
        tag = self.resolve(value, event.implicit)
        if tag in (_INT, _FLOAT) and ":" in value:
            return value  # base 60 in YAML 1.1 (`1:30` is 90): text here
        if tag == _BOOL and value.lower() not in _BOOLEAN_WORDS:
            return value  # `yes`, `no`, `on`, `off`: text; booleans are true and false
        node = yaml.ScalarNode(tag, value)
        try:
            if tag == _INT:
                return self.constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                number = self.constructor.construct_yaml_float(node)
                if not math.isfinite(number):
                    self.add(place, _not_finite(value))
                return number
            if tag == _BOOL:
                return self.constructor.construct_yaml_bool(node)
        except (ValueError, ArithmeticError, KeyError):
            return value  # such as `0x_` or a number too long to convert: left as text
        if tag == _NULL:
            return None
        return value  # text, and dates, which stay text

    def syntax_error(self, e: yaml.MarkedYAMLError) -> None:
        mark = e.problem_mark if e.problem_mark is not None else e.context_mark
        place = _place(mark)
        problem = (e.problem or e.context or "not valid YAML").strip()
        char = self.lines.char(*place)
        context = e.context_mark
        if e.context and context is not None and context.line != getattr(mark, "line", None):
            problem += f" ({e.context} at line {context.line + 1})"
        if context is not None and "quoted scalar" in (e.context or "") and "end of" in problem:
            self.add(_place(context), "could not parse: the quote that starts here is never closed")
            return
        if "maximum nesting depth" in problem:  # libyaml's own limit, met first in [[[[...
            self.add(place, f"the nesting is too deep: more than {MAX_DEPTH} levels")
            return
        if "tab" in problem or (char == "\t" and "cannot start any token" in problem):
            problem = "found a tab character (indent with spaces, not tabs)"
        elif "cannot start any token" in problem and char:
            problem = (
                f"found the character {char!r}, which cannot start a value (put the text in quotes)"
            )
        elif problem.startswith("mapping values are not allowed"):
            problem = (
                "mapping values are not allowed here"
                " (is there a ': ' inside a text? put the text in quotes)"
            )
        self.add(place, f"could not parse: {' '.join(problem.split())}")

    def read_error(self, e: yaml.YAMLError) -> None:
        position = getattr(e, "position", None)
        place = self.lines.place(position) if isinstance(position, int) else (1, 1)
        reason = getattr(e, "reason", None) or str(e) or type(e).__name__
        self.add(place, f"could not read: {' '.join(str(reason).split())}")

    def finish(self) -> Doc:
        if not self.problems:
            if not self.has_root or self.root is None:
                self.add((1, 1), "the file is empty")
            elif not isinstance(self.root, dict):
                self.add(
                    self.root_place,
                    f"the top level must be a mapping of keys, not {_describe(self.root)}",
                )
        if self.problems:
            raise ContentError(capped(self.problems, more=self.left_out))
        return Doc(self.path, self.root, self.marks)


# ---------------------------------------------------------------- validation

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Doc) -> M:
    """`model.model_validate(doc.data)`, with every error mapped to its place in the file."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        more = 0
        if len(errors) > _KEEP:  # a file broken all over: explain the earliest in full
            errors.sort(key=lambda err: doc.at(_data_path(doc.data, err["loc"])))
            more = len(errors) - _KEEP
            del errors[_KEEP:]
        problems = _explain_all(model, doc, errors) or [
            _explain(doc, errors[0], _walk(model, doc.data, errors[0]["loc"]))
        ]
        raise ContentError(capped(problems, more=more)) from None


def _data_path(data: Any, loc: Sequence[PathPart]) -> list[PathPart]:
    """The parts of `loc` that lead through `data` (a quick, model-blind walk)."""
    path: list[PathPart] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            if part not in data:
                continue
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int):
            if not 0 <= part < len(data):
                continue
            data = data[part]
        else:
            continue
        path.append(part)
    return path


_NOUNS = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "date_type": "a date (like 2025-08-15)",
    "date_parsing": "a date (like 2025-08-15)",
    "date_from_datetime_parsing": "a date (like 2025-08-15)",
    "date_from_datetime_inexact": "a date (like 2025-08-15) without a time",
}


@dataclass
class _Walk:
    """A pydantic error location followed through the model and the data."""

    path: list[PathPart] = field(default_factory=list)
    """Through the data, as far as it goes."""
    shown: list[PathPart] = field(default_factory=list)
    """Keys and indices as a teacher sees them (no union tags or member names)."""
    tp: Any = None
    """The type at the end (None: unknown)."""
    parent_model: type[BaseModel] | None = None
    """The model that holds the last part."""
    labels: list[int] = field(default_factory=list)
    """Indices in the location of member names of plain (untagged) unions."""
    is_key: bool = False
    """The error is about a mapping key (`[key]`), not its value."""


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _union_members(tp: Any) -> tuple[Any, ...] | None:
    if get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(m for m in get_args(tp) if m is not type(None))
    return None


def _unwrap(tp: Any, disc: str | None) -> tuple[Any, str | None]:
    """Strip `Annotated` (keeping a discriminator) and `Optional`."""
    while True:
        if get_origin(tp) is typing.Annotated:
            args = get_args(tp)
            tp = args[0]
            for meta in args[1:]:
                if isinstance(meta, FieldInfo) and isinstance(meta.discriminator, str):
                    disc = meta.discriminator
            continue
        members = _union_members(tp)
        if members is not None and len(members) == 1:
            tp = members[0]
            continue
        return tp, disc


def _tags(members: Sequence[Any], disc: str | None) -> dict[str, Any]:
    """Tag value to member model, for a union tagged by `disc`."""
    found: dict[str, Any] = {}
    if disc is None:
        return found
    for member in members:
        m, _ = _unwrap(member, None)
        if not _is_model(m) or disc not in m.model_fields:
            continue
        ann, _ = _unwrap(m.model_fields[disc].annotation, None)
        if get_origin(ann) is Literal:
            for value in get_args(ann):
                found.setdefault(str(value), m)
    return found


def _member_named(members: Sequence[Any], name: str) -> Any:
    """The member pydantic names `name` in a location (`int`, `Text`, `list[int]`)."""
    for member in members:
        m, _ = _unwrap(member, None)
        if isinstance(m, type) and name in (m.__name__, f"constrained-{m.__name__}"):
            return m
        origin = get_origin(m)
        label = getattr(origin, "__name__", None) or getattr(origin, "_name", None)
        if label and name.lower().startswith(str(label).lower() + "["):
            return m
    return None


def _walk(model: type[BaseModel], data: Any, loc: Sequence[PathPart]) -> _Walk:
    w = _Walk()
    tp: Any = model
    disc: str | None = None
    node = data
    present = True
    for i, part in enumerate(loc):
        tp, disc = _unwrap(tp, disc)
        if part == "[key]":
            w.is_key = True
            continue
        members = _union_members(tp)
        if members is not None:
            chosen = None
            if isinstance(part, str):
                chosen = _tags(members, disc).get(part)
                if chosen is None:
                    chosen = _member_named(members, part)
                    if chosen is not None:
                        w.labels.append(i)
            if chosen is not None:
                tp, disc = chosen, None
                continue
            tp = None
        w.parent_model = tp if _is_model(tp) else None
        known = False
        next_tp: Any = None
        next_disc: str | None = None
        origin, args = get_origin(tp), get_args(tp)
        if _is_model(tp) and isinstance(part, str) and part in tp.model_fields:
            info = tp.model_fields[part]
            known, next_tp = True, info.annotation
            next_disc = info.discriminator if isinstance(info.discriminator, str) else None
        elif origin is list and isinstance(part, int) and args:
            known, next_tp = True, args[0]
        elif origin is tuple and isinstance(part, int) and args:
            known = True
            if len(args) == 2 and args[1] is Ellipsis:
                next_tp = args[0]
            elif part < len(args):
                next_tp = args[part]
        elif origin is dict and isinstance(part, str) and len(args) == 2:
            known, next_tp = True, args[1]

        found = present and (
            (isinstance(node, dict) and isinstance(part, str) and part in node)
            or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        )
        if found:
            node = node[part]
            w.path.append(part)
            w.shown.append(part)
        elif known:
            present = False
            w.shown.append(part)
        tp, disc = next_tp, next_disc
    w.tp, _ = _unwrap(tp, disc)
    return w


def _dotted(parts: Sequence[PathPart]) -> str:
    """`rules[3].when.op`: where a value is, as a path of keys and (0-based) indices."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _PLAIN_KEY.fullmatch(part) else f"'{_text(part)}'"
            out += f".{name}" if out else name
    return out


def _show(value: Any) -> str:
    """A value as a teacher wrote it, short and on one line."""
    if isinstance(value, str):
        return f"'{_text(value)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, int | float):
        return str(value)
    return _describe(value)


def _text(value: str, limit: int = 40) -> str:
    """Text for a message: on one line, special characters escaped, at most `limit` long."""
    shown = value if value.isprintable() else repr(value)[1:-1]
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return f"text ({_show(value)})"
    return _show(value)


def _join_or(words: Sequence[str]) -> str:
    unique = list(dict.fromkeys(words))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " or " + unique[-1]


def _quoted_list(text: str) -> list[str]:
    """`'a', 'b' or 'c'` as pydantic writes expected values, to `[a, b, c]`."""
    found = re.findall(r"'((?:[^'\\]|\\.)*)'", text)
    return found if found else [text]


def _pattern_hint(pattern: str) -> str | None:
    hints = {
        schema.SourceId: "is not a paragraph or heading of the article (P01-P33, H1-H4)",
        schema.Id: (
            "is not a valid id (lower-case letters, digits and _, starting with a letter;"
            " dots between parts)"
        ),
    }
    for alias, hint in hints.items():
        for meta in get_args(alias)[1:]:
            if getattr(meta, "pattern", None) == pattern:
                return hint
    return None


def _noun(err: ErrorDetails, w: _Walk) -> str | None:
    noun = _NOUNS.get(err["type"])
    if noun == "a mapping of keys" and _is_model(w.tp) and len(w.tp.model_fields) <= 4:
        noun = "a mapping with keys " + ", ".join(w.tp.model_fields)
    return noun


def _not_one_of(prefix: str, value: Any, allowed: Sequence[Any]) -> str:
    """`'planes' is not one of: none, europe, us` (or `expected one of: ...; not a list`)."""
    choices = ", ".join(str(a) for a in allowed)
    if isinstance(value, dict | list | None):
        return f"{prefix}expected one of: {choices}; not {_describe(value)}"
    return f"{prefix}{_show(value)} is not one of: {choices}"


_BOUNDS = {
    "greater_than_equal": "at least",
    "greater_than": "more than",
    "less_than_equal": "at most",
    "less_than": "less than",
}


def _bound(ctx: dict[str, Any]) -> str:
    for key in ("ge", "gt", "le", "lt"):
        if key in ctx:
            bound = ctx[key]
            if isinstance(bound, float) and bound.is_integer():
                return str(int(bound))
            if hasattr(bound, "isoformat"):
                return str(bound.isoformat())
            return str(bound)
    return "?"


def _explain(doc: Doc, err: ErrorDetails, w: _Walk) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    shown = w.shown[:-1] if w.is_key else w.shown
    prefix = f"{_dotted(shown)}: " if shown else ""
    what = f"key {_show(w.path[-1])}" if w.is_key and w.path else _show(value)
    place = doc.at(w.path, key=w.is_key)

    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        message = f"unknown key '{_text(key)}'"
        if w.parent_model is not None:
            fields = list(w.parent_model.model_fields)
            guess = did_you_mean(key, fields)
            if guess is not None:
                message += f" (did you mean '{guess}'?)"
            elif len(fields) <= 8:
                message += f" (allowed: {', '.join(fields)})"
        place = doc.at(w.path, key=True)
    elif kind == "missing":
        name = loc[-1] if loc else "?"
        if isinstance(name, int):
            message = f"{_dotted(w.shown[:-1]) or 'the list'}: missing item {name + 1}"
        else:
            message = f"missing key '{name}'"
        place = doc.at(w.path, key=True)
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "'kind'")).strip("'\"")
        members = _union_members(w.tp) or ()
        allowed = list(_tags(members, disc)) or _quoted_list(str(ctx.get("expected_tags", "")))
        if kind == "union_tag_not_found":
            message = f"missing key '{disc}' (one of: {', '.join(allowed)})"
            place = doc.at(w.path, key=True)
        else:
            tag = value.get(disc) if isinstance(value, dict) else ctx.get("tag")
            message = _not_one_of(f"{_dotted([*shown, disc])}: ", tag, allowed)
            place = doc.at([*w.path, disc])
    elif kind == "literal_error":
        if get_origin(w.tp) is Literal:
            allowed = [_show(a).strip("'") for a in get_args(w.tp)]
        else:
            allowed = _quoted_list(str(ctx.get("expected", "")))
        if w.is_key:
            message = f"{prefix}{what} is not one of: {', '.join(allowed)}"
        else:
            message = _not_one_of(prefix, value, allowed)
    elif kind in _BOUNDS and not w.is_key:
        message = f"{prefix}must be {_BOUNDS[kind]} {_bound(ctx)}, not {_show(value)}"
    elif kind == "finite_number":
        message = f"{prefix}expected a finite number, not {_show(value)}"
    elif kind == "too_short" and isinstance(value, list):
        least = int(ctx.get("min_length", 1))
        message = (
            f"{prefix}needs at least {least} item{'s' if least != 1 else ''}, not {len(value)}"
        )
    elif kind == "too_long" and isinstance(value, list):
        most = int(ctx.get("max_length", 0))
        message = f"{prefix}may have at most {most} items, not {len(value)}"
    elif kind == "string_pattern_mismatch" and (hint := _pattern_hint(str(ctx.get("pattern")))):
        message = f"{prefix}{what} {hint}"
    elif w.is_key:
        message = f"{prefix}{what}: {err['msg']}"
    elif (noun := _noun(err, w)) is not None:
        message = f"{prefix}expected {noun}, not {_describe(value)}"
    else:
        message = f"{prefix}{err['msg']}"
        if not isinstance(value, dict | list):
            message += f" (got {_show(value)})"
    return Problem(doc.path, place[0], place[1], " ".join(message.split()))


def _explain_all(model: type[BaseModel], doc: Doc, errors: list[ErrorDetails]) -> list[Problem]:
    walks = [_walk(model, doc.data, err["loc"]) for err in errors]

    # A value that fits no member of a plain union (`int | list[int]`) gets one error per
    # member, each ending in the member's name. When some member got further into the
    # value (its shape was right), only that member's errors are kept; the others, on the
    # value as a whole, are said in one problem: "expected a whole number or a list".
    deeper: set[tuple[Any, ...]] = set()
    for err, w in zip(errors, walks, strict=True):
        for k in w.labels:
            if len(err["loc"]) > k + 1 or (len(err["loc"]) == k + 1 and err["type"] in _BOUNDS):
                deeper.add(tuple(err["loc"][:k]))
    problems: list[Problem] = []
    merged: dict[tuple[Any, ...], list[tuple[ErrorDetails, _Walk]]] = {}
    for err, w in zip(errors, walks, strict=True):
        if w.labels and len(err["loc"]) == w.labels[-1] + 1 and err["type"] not in _BOUNDS:
            head = tuple(err["loc"][: w.labels[-1]])
            if head in deeper:
                continue
            if _noun(err, w) is not None:
                merged.setdefault(head, []).append((err, w))
                continue
        problems.append(_explain(doc, err, w))
    for group in merged.values():
        err, w = group[0]
        nouns = [n for e, x in group if (n := _noun(e, x)) is not None]
        prefix = f"{_dotted(w.shown)}: " if w.shown else ""
        message = f"{prefix}expected {_join_or(nouns)}, not {_describe(err.get('input'))}"
        line, column = doc.at(w.path)
        problems.append(Problem(doc.path, line, column, message))
    return problems
