"""The release's SBOM, CycloneDX 1.6 JSON made and validated by the CycloneDX Python library:
what ships (data/third-party.yml, as the Licences page: scope "required") and what built it
(requirements.lock, package-lock.json: scope "excluded"). Its time is the release's and its
serial number derived from the release, so it does not depend on the machine or the hour."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import uuid
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from cyclonedx.builder.this import this_component
from cyclonedx.contrib.license.factories import LicenseFactory
from cyclonedx.model import (
    ExternalReference,
    ExternalReferenceType,
    HashAlgorithm,
    HashType,
    Property,
    XsUri,
)
from cyclonedx.model.bom import Bom, BomMetaData
from cyclonedx.model.component import Component, ComponentScope, ComponentType
from cyclonedx.model.license import License
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from packageurl import PackageURL

from macros.data import third_party

from .source import PROJECT, SourceError

PREFIX = "ta-hsb"  # of this SBOM's own property names
LOCK = "requirements.lock"
NPM_LOCK = "package-lock.json"
LOCK_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)
KINDS = {"library": ComponentType.LIBRARY, "icons": ComponentType.FILE, "font": ComponentType.FILE}
licences = LicenseFactory()


def prop(name: str, value: str) -> Property:
    return Property(name=f"{PREFIX}:{name}", value=value)


def shipped(components: Sequence[third_party.Component]) -> list[Component]:
    """What the built site and its PDFs contain, from data/third-party.yml."""
    return [
        Component(
            name=c.name,
            version=c.version,
            type=KINDS[c.kind],
            bom_ref=f"shipped:{c.id}",
            scope=ComponentScope.REQUIRED,
            purl=PackageURL.from_string(c.purl) if c.purl else None,
            licenses=[
                licences.make_from_string(c.licence)
                if c.licence
                else licences.make_with_name(
                    c.licence_text, url=XsUri(str(c.licence_url)) if c.licence_url else None
                )
            ],
            copyright=c.copyright,
            description=c.what,
            external_references=[
                ExternalReference(type=ExternalReferenceType.WEBSITE, url=XsUri(str(c.url)))
            ],
            properties=[prop("files", " ".join(c.files))],
        )
        for c in components
    ]


def python_licences(name: str) -> list[License]:
    """A Python package's licence as its installed metadata states it."""
    try:
        meta = metadata.metadata(name).json
    except metadata.PackageNotFoundError:
        return []
    expression = str(meta.get("license_expression") or "").strip()
    if expression:
        return [licences.make_from_string(expression)]
    text = str(meta.get("license") or "").strip()
    if text and text.upper() != "UNKNOWN" and "\n" not in text and len(text) <= 100:
        return [licences.make_from_string(text)]
    classifiers = {str(c) for c in meta.get("classifier") or [] if str(c).startswith("License ::")}
    return [licences.make_from_string(c.split(" :: ")[-1]) for c in sorted(classifiers)]


def built_with_python(lock_text: str) -> list[Component]:
    """requirements.lock's packages (licences from their installed metadata: `make install`
    installs exactly the lock)."""
    return [
        Component(
            name=name,
            version=version,
            bom_ref=f"pkg:pypi/{name.lower()}@{version}",
            scope=ComponentScope.EXCLUDED,
            purl=PackageURL(type="pypi", name=name.lower(), version=version),
            licenses=python_licences(name),
            properties=[prop("locked-in", LOCK)],
        )
        for name, version in LOCK_ENTRY.findall(lock_text)
    ]


def built_with_npm(package_lock: dict[str, object]) -> list[Component]:
    """package-lock.json's packages, with the SHA-512 npm recorded for each."""
    out: dict[str, Component] = {}
    packages = package_lock.get("packages")
    if not isinstance(packages, dict):
        raise SourceError(f"{NPM_LOCK}: no 'packages' (lockfileVersion 2 or later is needed)")
    for path, info in sorted(packages.items()):
        if not path:
            continue  # the project itself
        name = path.rsplit("node_modules/", 1)[-1]
        version = str(info["version"])
        purl = PackageURL(type="npm", name=name, version=version)
        algorithm, _, digest = str(info.get("integrity", "")).partition("-")
        sha512 = base64.b64decode(digest).hex() if algorithm == "sha512" and digest else None
        hashes = [HashType(alg=HashAlgorithm.SHA_512, content=sha512)] if sha512 else []
        out.setdefault(
            purl.to_string(),
            Component(
                name=name,
                version=version,
                bom_ref=purl.to_string(),
                scope=ComponentScope.EXCLUDED,
                purl=purl,
                hashes=hashes,
                licenses=[licences.make_from_string(str(info["license"]))]
                if info.get("license")
                else [],
                properties=[prop("locked-in", NPM_LOCK)],
            ),
        )
    return list(out.values())


def sbom_json(
    root: Path, version: str, release: str, epoch: int, commit: str, overlay: str | None
) -> str:
    """The release's SBOM as JSON, after the library's own validator accepts it."""
    components = third_party.load_components(root)
    project = Component(
        name=PROJECT,
        version=version,
        type=ComponentType.APPLICATION,
        bom_ref=PROJECT,
        description="TA-HSB practice handbook: the built site, its PDFs and its offline package",
        licenses=[licences.make_from_string("MIT")],
        properties=[
            *(prop("release", release), prop("commit", commit)),
            *(prop("source-date-epoch", str(epoch)), prop("overlay", overlay or "")),
        ],
    )
    bom = Bom(
        serial_number=uuid.uuid5(uuid.NAMESPACE_URL, f"{PROJECT}:{release}:{commit}:{epoch}"),
        metadata=BomMetaData(
            component=project, timestamp=dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
        ),
    )
    bom.metadata.tools.components.add(this_component())
    inside = shipped(components)
    bom.components.update(inside)
    bom.components.update(built_with_python((root / LOCK).read_text(encoding="utf-8")))
    bom.components.update(built_with_npm(json.loads((root / NPM_LOCK).read_text(encoding="utf-8"))))
    by_ref = {str(c.bom_ref): c for c in inside}
    for component, listed in zip(inside, components, strict=True):
        parent = by_ref.get(f"shipped:{listed.part_of}") if listed.part_of else None
        bom.register_dependency(parent or project, [component])
    text = JsonV1Dot6(bom).output_as_string(indent=2) + "\n"
    problem = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    if problem is not None:
        raise SourceError(f"the SBOM does not validate: {problem}")
    return text
