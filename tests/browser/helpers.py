"""What a page does in the browser: requests to other hosts, console errors, CSP reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Route

LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


def files_only(context: BrowserContext, blocked: list[str]) -> BrowserContext:
    """Let ``context`` load only ``file:``, ``data:`` and ``blob:`` URLs; record the rest in ``blocked``."""

    def route(request: Route) -> None:
        if request.request.url.startswith(("file://", "data:", "blob:")):
            request.continue_()
        else:
            blocked.append(request.request.url)
            request.abort()

    context.route("**/*", route)
    return context


def wait_until(page: Page, test: str, timeout_ms: int = 5000) -> Any:
    """Wait until the JavaScript function ``test`` (``"() => ..."``) returns a true value
    in ``page``, and return that value.

    Playwright's ``wait_for_function`` polls with ``new Function`` inside the page once
    its first check fails, which the handbook's Content-Security-Policy (no
    ``unsafe-eval``) refuses. Here Playwright passes one whole function, which polls.
    """
    script = (
        "(timeout) => new Promise((resolve, reject) => {\n"
        f"  const test = {test};\n"
        "  const start = performance.now();\n"
        "  (function check() {\n"
        "    const value = test();\n"
        "    if (value) { resolve(value); }\n"
        "    else if (performance.now() - start > timeout) {\n"
        "      reject(new Error('timed out after ' + timeout + ' ms: ' + test));\n"
        "    } else { setTimeout(check, 10); }\n"
        "  })();\n"
        "})"
    )
    return page.evaluate(script, timeout_ms)


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Traffic:
    """Everything a context asked for; requests to other hosts are blocked and counted."""

    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> Traffic:
        context.route("**/*", self._route)
        context.on("page", self._attach)
        for page in context.pages:
            self._attach(page)
        return self

    def _route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or (
            parts.scheme in ("http", "https", "file") and parts.hostname in LOCAL_HOSTS | {None}
        ):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"{page.url}: {exc}"))
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda res: (
                self.failed.append(f"{res.url}: HTTP {res.status}") if res.status >= 400 else None
            ),
        )

    def _failed(self, request: Request) -> None:
        # A request the next navigation cancels (the favicon or the search worker, fetched
        # late) is not a failure of the server: Chromium reports it as net::ERR_ABORTED.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.location.get('url', '')}: {message.text}")
