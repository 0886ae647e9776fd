from tests.pdftext import LIGATURES


def test_ligatures_are_spelt_out() -> None:
    assert "commit 7\ufb00a82c0a7, o\ufb03ce, \ufb02at".translate(LIGATURES) == (
        "commit 7ffa82c0a7, office, flat"
    )
