"""`make release` and `make verify-release`: the site as a reproducible .tar.gz, the offline zip,
a CycloneDX SBOM, the release notes and SHA256SUMS (guides/it-teams.md)."""
