"""`/api/v1/docs`: the API reference, rendered on the server from the OpenAPI document.

No script and no other origin: the page reads like every other page of the
Driver, works without JavaScript and passes a 'self'-only Content-Security-Policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_reference", __name__)

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str = ""
    ref: str | None = None  # the schema the type names, to link to


@dataclass
class Response:
    status: str
    description: str
    content_type: str | None
    type: str | None
    ref: str | None


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    public: bool
    parameters: list[Field]
    body: list[Field]
    body_ref: str | None
    responses: list[Response]

    @property
    def anchor(self) -> str:
        slug = "".join(c if c.isalnum() else "-" for c in self.path.strip("/"))
        return f"{self.method}-{slug}"


@dataclass
class Section:
    name: str
    description: str
    operations: list[Operation] = field(default_factory=list)


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else None


def type_of(schema: dict[str, Any]) -> tuple[str, str | None]:
    """A schema in words ("array of Match", "integer, 1–5, or null") and the schema it names."""
    if name := _ref_name(schema):
        return name, name
    kind = schema.get("type", "any")
    ref = None
    if kind == "array":
        inner, ref = type_of(schema.get("items", {}))
        text = f"array of {inner}"
    else:
        text = str(kind)
        if schema.get("format"):
            text += f" ({schema['format']})"
    if "enum" in schema:
        text += ": " + " | ".join(str(v) for v in schema["enum"] if v is not None)
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        text += f", {'' if low is None else low}–{'' if high is None else high}"
    if schema.get("maxLength") is not None:
        text += f", at most {schema['maxLength']} characters"
    if schema.get("nullable"):
        text += ", or null"
    return text, ref


def schema_fields(schema: dict[str, Any]) -> list[Field]:
    required = set(schema.get("required", ()))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        text, ref = type_of(prop)
        fields.append(Field(name, text, name in required, prop.get("description", ""), ref))
    return fields


def build(spec: dict[str, Any]) -> tuple[list[Section], dict[str, list[Field]]]:
    """The document's operations grouped by tag, and its schemas with their fields."""
    components = spec.get("components", {})
    schemas = components.get("schemas", {})
    responses = components.get("responses", {})
    sections = {t["name"]: Section(t["name"], t.get("description", "")) for t in spec["tags"]}
    for path, item in spec.get("paths", {}).items():
        common = item.get("parameters", [])
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            params = [
                Field(
                    f"{p['name']} ({p['in']})",
                    type_of(p.get("schema", {}))[0],
                    p.get("required", False),
                    p.get("description", ""),
                )
                for p in (*common, *op.get("parameters", []))
            ]
            body_schema = (
                op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ).get("schema", {})
            body_ref = _ref_name(body_schema)
            body = schema_fields(schemas.get(body_ref, {})) if body_ref else []
            answers = []
            for status, answer in op.get("responses", {}).items():
                if ref := _ref_name(answer):
                    answer = responses.get(ref, {})
                content = answer.get("content", {})
                media = next(iter(content), None)
                text, name = type_of(content[media].get("schema", {})) if media else (None, None)
                answers.append(Response(status, answer.get("description", ""), media, text, name))
            answers.sort(key=lambda r: (r.status == "default", r.status))
            operation = Operation(
                method=method.upper(),
                path=path,
                summary=op.get("summary", ""),
                description=op.get("description", ""),
                public=op.get("security") == [],
                parameters=params,
                body=body,
                body_ref=body_ref,
                responses=answers,
            )
            for tag in op.get("tags", []):
                sections.setdefault(tag, Section(tag, "")).operations.append(operation)
    fields = {name: schema_fields(schema) for name, schema in sorted(schemas.items())}
    return [s for s in sections.values() if s.operations], fields


@bp.route("/api/v1/docs")
def docs() -> str:
    """The API reference page."""
    api = current_app.extensions["driver_api"]
    spec = api.spec.to_dict()
    sections, schemas = build(spec)
    return render_template(
        "api/reference.html",
        info=spec["info"],
        sections=sections,
        schemas=schemas,
        max_page_size=current_app.config["API_MAX_PAGE_SIZE"],
        token_hours=current_app.config["API_TOKEN_TTL_HOURS"],
    )
