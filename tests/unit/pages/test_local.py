"""The macros for the organisation hosting a copy."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import cast

from macros.data.edition import Edition
from macros.data.local_models import LocalOverlay
from macros.data.results import A11yResults
from macros.data.state import State
from macros.pages.local import LocalMacros
from tests.unit.results import RESULTS


def state(local: LocalOverlay | None, results: A11yResults = RESULTS) -> State:
    """What LocalMacros reads of the state: the overlay, the results, the build date."""
    edition = Edition("1.0.0", "Guidance", dt.date(2026, 11, 29))
    return cast(State, SimpleNamespace(overlay=local, a11y=results, edition=edition))


def overlay(**extra: object) -> LocalOverlay:
    return LocalOverlay.model_validate(
        {"organisation": "Org <b>", "contacts": [{"role": "Lead"}], **extra}
    )


def test_local_macros_without_and_with_an_overlay() -> None:
    none = LocalMacros(state(None))
    assert str(none.review()) == ""
    assert none.host_name() == "the organisation that hosts it"
    assert "contact the organisation that hosts this copy" in str(none.accessibility("contact"))
    assert "prepared on 29 November 2026" in str(none.accessibility("prepared"))
    assert str(none.accessibility("nope")) == "[unknown part: nope]"
    assert "the PDFs: they were not checked" in str(none.accessibility("pdf_results"))
    org = LocalMacros(
        state(overlay(accessibility={"contact": "a11y@example.org", "prepared": "2026-11-20"}))
    )
    assert org.host_name() == "Org &lt;b&gt;"  # the organisation's name escaped
    assert str(org.review()) == ""  # an overlay without review dates
    assert str(org.accessibility("contact")) == "<p>Contact Org &lt;b&gt;: a11y@example.org</p>"
    assert "prepared on 20 November 2026" in str(org.accessibility("prepared"))


def test_the_privacy_notice_and_statement_say_whether_the_copy_is_kept_offline() -> None:
    for local in (None, overlay(), overlay(offline_app=True)):
        on = LocalMacros(state(local))
        assert "your browser keeps a copy of the handbook" in str(on.offline_copy("privacy"))
        assert "It holds nothing you type or tick" in str(on.offline_copy("privacy"))
        assert "without a network after one visit" in str(on.offline_copy("accessibility"))
    off = LocalMacros(state(overlay(offline_app=False)))
    assert "has turned that off" in str(off.offline_copy("privacy"))
    assert "it is removed the next time" in str(off.offline_copy("privacy"))
    assert "without a network" not in str(off.offline_copy("accessibility"))
    assert str(off.offline_copy("nope")) == "[unknown part: nope]"
