"""Fast JSON writers for documents, built from the models' own pydantic-core schemas.

Writing a document as `json.dumps(model.model_dump(by_alias=True), default=...)` walks it three
times in Python (dump, default hooks, encoder). For bulk paths (SQLite writes, restores,
backups) `build_serializer` makes, per model class, a pydantic-core serializer from a copy of
the model's core schema in which the few things the stored forms spell their own way are
handed to small Python functions: datetimes, and optionally floats, ids and key order. The
rest is written in Rust.

Only schemas made of known parts are supported: a model with a field of type `Any` (whose
datetimes pydantic would write its own way) or with recursive definitions gets `None`, and the
caller keeps its plain path. Callers also compare the first document per class with their
plain path and drop the fast one if they differ, so a pydantic change can only cost speed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel
from pydantic_core import SchemaSerializer, core_schema

__all__ = ["SerializerSpec", "build_serializer"]


@dataclass(frozen=True, slots=True)
class SerializerSpec:
    """How a stored form spells what JSON has no type for."""

    datetime: Callable[[datetime], Any]
    # Called for every float (e.g. to wrap non-finite ones); None leaves floats to pydantic.
    float: Callable[[float], Any] | None = None
    # Called for every string under a field named in `id_fields` (and in lists under one).
    id: Callable[[str], Any] | None = None
    id_fields: frozenset[str] = frozenset()
    # Keys of models and dicts in sorted order (as `json.dumps(sort_keys=True)`).
    sort_keys: bool = False
    config: core_schema.CoreConfig | None = None


class _Unsupported(Exception):
    pass


def _sorted_dict(value: Any, handler: core_schema.SerializerFunctionWrapHandler) -> Any:
    return handler({key: value[key] for key in sorted(value)})


class _Rewriter:
    def __init__(self, spec: SerializerSpec) -> None:
        self.spec = spec
        json_only: Literal["json"] = "json"
        self.datetime = core_schema.plain_serializer_function_ser_schema(
            spec.datetime, when_used=json_only
        )
        self.float = (
            None
            if spec.float is None
            else core_schema.plain_serializer_function_ser_schema(spec.float, when_used=json_only)
        )
        self.id = (
            None
            if spec.id is None
            else core_schema.plain_serializer_function_ser_schema(spec.id, when_used=json_only)
        )
        self.sorted = core_schema.wrap_serializer_function_ser_schema(
            _sorted_dict, when_used=json_only
        )

    def rewrite(self, node: Any, ids: bool = False) -> Any:
        """A copy of a core schema node (functions, classes and other leaves shared)."""
        if isinstance(node, list):
            return [self.rewrite(item, ids) for item in node]
        if not isinstance(node, dict):
            return node
        kind = node.get("type")
        if kind in ("any", "definitions", "definition-ref"):
            raise _Unsupported(kind)
        if kind == "model":
            return self.model(node)
        inner_ids = ids and kind != "dict"  # a dict's own keys decide, as in the plain path
        out = {k: self.rewrite(v, inner_ids) for k, v in node.items() if k != "metadata"}
        if kind in ("datetime", "float", "str", "dict") and "serialization" in node:
            raise _Unsupported("custom serializer")  # the model's own; not to be replaced
        if kind == "datetime":
            out["serialization"] = self.datetime
        elif kind == "float" and self.float is not None:
            out["serialization"] = self.float
        elif kind == "str" and ids and self.id is not None:
            out["serialization"] = self.id
        elif kind == "dict" and self.spec.sort_keys:
            out["serialization"] = self.sorted
        return out

    def model(self, node: dict[str, Any]) -> core_schema.CoreSchema:
        """A model as its field values through a typed-dict schema: pydantic-core would
        otherwise reuse the class's prebuilt serializer and ignore the rewritten copy."""
        inner = node["schema"]
        if inner.get("type") != "model-fields" or inner.get("computed_fields"):
            raise _Unsupported("model")
        fields: dict[str, core_schema.TypedDictField] = {}
        items = list(inner["fields"].items())
        if self.spec.sort_keys:
            items.sort(key=lambda item: item[1].get("serialization_alias") or item[0])
        for name, field in items:
            alias = field.get("serialization_alias") or name
            fields[name] = core_schema.typed_dict_field(
                self.rewrite(field["schema"], alias in self.spec.id_fields),
                serialization_alias=field.get("serialization_alias"),
                serialization_exclude=field.get("serialization_exclude"),
            )
        # Typed dicts are written in the order of the value's keys, so pick them in order.
        pick: Callable[[Any], Any]
        if self.spec.sort_keys:
            names = tuple(fields)

            def pick(model: Any) -> dict[str, Any]:
                values = model.__dict__
                return {name: values[name] for name in names}

        else:
            pick = operator.attrgetter("__dict__")
        return core_schema.any_schema(
            serialization=core_schema.plain_serializer_function_ser_schema(
                pick, return_schema=core_schema.typed_dict_schema(fields)
            )
        )


def build_serializer(model: type[BaseModel], spec: SerializerSpec) -> SchemaSerializer | None:
    """A serializer of `model` instances (`to_json(doc, by_alias=True)`), or None when the
    model's schema holds something unsupported."""
    try:
        schema = _Rewriter(spec).rewrite(model.__pydantic_core_schema__)
        return SchemaSerializer(schema, spec.config)
    except Exception:  # an unexpected schema shape: the caller's plain path is always right
        return None
