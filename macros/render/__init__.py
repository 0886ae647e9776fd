"""Pure render functions: validated data in, escaped HTML out. No MkDocs imports."""
