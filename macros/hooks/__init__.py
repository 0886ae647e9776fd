"""MkDocs hooks (``hooks:`` in mkdocs.yml) and the build steps they run.

``site_hooks`` and ``local_hooks`` are the two files MkDocs loads; they only wire events
to small modules: ``assets`` (hashed names, the overlay's logo), ``compress`` (.gz and .br
copies), ``security`` (the Content-Security-Policy, other headers and caching: the one
source), ``servers`` (nginx and Apache configurations from it), ``static_hosts`` (the
``_headers`` file from it), ``placement`` (notices and notes after a heading).
"""
