"""The handbook's content as validated data: everything is read, checked and assembled into
one read-only :class:`macros.data.state.State` before any page renders (guides/code.md)."""
