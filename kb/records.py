"""Frozen dataclasses to plain data and back, so that a release can store the model.

``to_data`` turns a record into JSON-ready values (tuples become lists);
``from_data`` rebuilds the record from its type hints.  The release keeps the
whole model this way (``model.json``), so that ``kb show`` and the other
lookups read what ``kb build`` derived instead of deriving it again.  The
public shape of the knowledge base is ``kb.views.export``; this one is
internal and follows the dataclasses field by field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Convert = Callable[[Any], Any]


def to_data(value: Any) -> Any:
    """A record (or any value inside one) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def from_data(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``to_data`` turned into ``data``."""
    convert: Convert = _converter(cls)  # type: ignore[arg-type]  # classes are hashable
    result: T = convert(data)
    return result


@cache
def _converter(hint: Any) -> Convert:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional(hint, args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _converter(args[0])
            return lambda data: tuple(each(v) for v in data)
        parts = [_converter(a) for a in args]
        return lambda data: tuple(c(v) for c, v in zip(parts, data, strict=True))
    if origin is dict:
        value = _converter(args[1])
        return lambda data: {k: value(v) for k, v in data.items()}
    if origin is list:
        each = _converter(args[0])
        return lambda data: [each(v) for v in data]
    if hint is float:
        return float
    return lambda data: data  # str, int, bool, Literal[...]


def _optional(hint: Any, args: tuple[Any, ...]) -> Convert:
    real = [a for a in args if a is not type(None)]
    if len(real) != 1:
        raise TypeError(f"unsupported union {hint!r}")
    inner = _converter(real[0])
    return lambda data: None if data is None else inner(data)


def _record(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, f) for f in dataclasses.fields(cls) if f.init]
    converters = {name: _converter(hints[name]) for name, _ in fields}

    def build(data: dict[str, Any]) -> Any:
        return cls(**{name: converters[name](data[name]) for name, _ in fields if name in data})

    return build
