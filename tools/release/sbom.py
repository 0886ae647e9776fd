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
LOCKS = {"pypi": LOCK, "npm": NPM_LOCK}
LOCK_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)
KINDS = {"library": ComponentType.LIBRARY, "icons": ComponentType.FILE, "font": ComponentType.FILE}
licences = LicenseFactory()


def prop(name: str, value: str) -> Property:
    return Property(name=f"{PREFIX}:{name}", value=value)


def shipped(components: Sequence[third_party.Component]) -> dict[str, Component]:
    """What the built site and its PDFs contain, from data/third-party.yml, by id."""
    return {
        c.id: Component(
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
    }


def python_licences(name: str) -> list[License]:
    """A Python package's licence as its installed metadata states it."""
    try:
        meta = metadata.metadata(name).json
    except metadata.PackageNotFoundError:
        return []
    for field in ("license_expression", "license"):
        text = str(meta.get(field) or "").strip()
        if text and text.upper() != "UNKNOWN" and "\n" not in text and len(text) <= 100:
            return [licences.make_from_string(text)]
    classifiers = {str(c) for c in meta.get("classifier") or [] if str(c).startswith("License ::")}
    return [licences.make_from_string(c.split(" :: ")[-1]) for c in sorted(classifiers)]


def locked(
    kind: str, name: str, version: str, licenses: list[License], hashes: list[HashType]
) -> Component:
    """A package that built the release, as its lock file pins it."""
    purl = PackageURL(type=kind, name=name, version=version)  # a pypi name in lower case
    return Component(
        name=name,
        version=version,
        bom_ref=purl.to_string(),
        scope=ComponentScope.EXCLUDED,
        purl=purl,
        hashes=hashes,
        licenses=licenses,
        properties=[prop("locked-in", LOCKS[kind])],
    )


def built_with_python(lock_text: str) -> list[Component]:
    """requirements.lock's packages (licences from their installed metadata: `make install`
    installs exactly the lock)."""
    return [
        locked("pypi", name, version, python_licences(name), [])
        for name, version in LOCK_ENTRY.findall(lock_text)
    ]


def built_with_npm(package_lock: dict[str, object]) -> list[Component]:
    """package-lock.json's packages, with the SHA-512 npm recorded for each (a package found
    at several paths is one component: the BOM's set keeps one of equal ones)."""
    packages = package_lock.get("packages")
    if not isinstance(packages, dict):
        raise SourceError(f"{NPM_LOCK}: no 'packages' (lockfileVersion 2 or later is needed)")
    out = []
    for path, info in packages.items():
        if not path:
            continue  # the project itself
        algorithm, _, digest = str(info.get("integrity", "")).partition("-")
        sha512 = base64.b64decode(digest).hex() if algorithm == "sha512" and digest else None
        hashes = [HashType(alg=HashAlgorithm.SHA_512, content=sha512)] if sha512 else []
        licence = [licences.make_from_string(str(info["license"]))] if info.get("license") else []
        name = path.rsplit("node_modules/", 1)[-1]
        out.append(locked("npm", name, str(info["version"]), licence, hashes))
    return out


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
    bom.components.update(inside.values())
    bom.components.update(built_with_python((root / LOCK).read_text(encoding="utf-8")))
    bom.components.update(built_with_npm(json.loads((root / NPM_LOCK).read_text(encoding="utf-8"))))
    for listed in components:
        parent = inside[listed.part_of] if listed.part_of else project
        bom.register_dependency(parent, [inside[listed.id]])
    text = JsonV1Dot6(bom).output_as_string(indent=2) + "\n"
    problem = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    if problem is not None:
        raise SourceError(f"the SBOM does not validate: {problem}")
    return text
