"""Releases an IT team can adopt (`make release`, `make verify-release`): the built site as
a reproducible .tar.gz, the offline zip, a CycloneDX SBOM, the release notes and SHA256SUMS.

- source.py: the commit, its time and the release's name;
- build.py: builds the site and the offline package and writes the release;
- bundle.py: reproducible .tar.gz and .zip, SHA256SUMS;
- sbom.py: the SBOM (CycloneDX Python library, validated by it);
- notes.py: the release notes from the changelog;
- verify.py: a release checked against a rebuild from its source.
"""
