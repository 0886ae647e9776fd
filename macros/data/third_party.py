"""The third-party components shipped (data/third-party.yml): one list for the Licences page
and the SBOM (tools/release/sbom.py); a ``pkg:pypi`` one must be the version installed."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, Field, model_validator

from .files import fail, read_yaml, repeated, validate_list
from .models import Name, Slug, Text, _Model

THIRD_PARTY_FILE = "data/third-party.yml"
Version = Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.+-]{0,40}$")]
Purl = Annotated[str, Field(pattern=r"^pkg:[a-z]+/[^@\s]+@[^@\s]+$", max_length=200)]
Pattern = Annotated[str, Field(pattern=r"^[A-Za-z0-9*][A-Za-z0-9*._/-]*$", max_length=200)]
Spdx = Annotated[str, Field(pattern=r"^[A-Za-z0-9.+() -]{1,100}$")]


class Component(_Model):
    id: Slug
    name: Name
    version: Version | None = None
    kind: Literal["library", "icons", "font"]
    licence: Spdx | None = None  # an SPDX licence expression
    licence_name: Name | None = None  # where SPDX has no identifier
    licence_url: AnyHttpUrl | None = None
    copyright: Name
    url: AnyHttpUrl
    purl: Purl | None = None
    part_of: Slug | None = None
    what: Text
    files: tuple[Pattern, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_licence(self) -> Component:
        if (self.licence is None) == (self.licence_name is None):
            raise ValueError("give either licence (an SPDX expression) or licence_name")
        return self

    @property
    def licence_text(self) -> str:
        return self.licence_name or self.licence or ""


def load_components(root: Path) -> tuple[Component, ...]:
    label = THIRD_PARTY_FILE
    components = validate_list(Component, read_yaml(root / label, label), label)
    ids = {component.id for component in components}
    problems = [
        f"{label}: [{i}].id: duplicate id '{cid}'"
        for i, cid in repeated(component.id for component in components)
    ]
    for i, component in enumerate(components):
        if component.part_of is not None and component.part_of not in ids:
            problems.append(f"{label}: [{i}].part_of: no component '{component.part_of}'")
        if component.purl and component.purl.startswith("pkg:pypi/"):
            name, _, version = component.purl.removeprefix("pkg:pypi/").partition("@")
            found = next((d.version for d in metadata.distributions(name=name)), None)
            if version != component.version or found != version:
                problems.append(
                    f"{label}: [{i}].version: '{component.version}' but {name} "
                    f"{found or '(not installed)'} is installed: update this entry"
                )
    fail(problems)
    return tuple(components)
