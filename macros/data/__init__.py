"""The handbook's content as validated data: everything is read, checked and assembled into
one read-only :class:`macros.data.state.State` before any page renders.

``files`` (strict YAML and JSON, limits, validation), ``models`` (the schema), the loaders
(``loading``, ``glossary``, ``overlay``, ``local_pages``, ``logo``, ``results``), the source
trace (``source``), usage scanning (``usage``), the edition stamp (``edition``), where
things are (``paths``, ``nav``), and ``state``, which puts them together.
"""
