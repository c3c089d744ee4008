"""Codes asked of dyad and panel are checked against the coder's countries, organisations and agents."""

from __future__ import annotations

import pytest

from dyadflow.actor_codes import UnknownCodeError, check_code, check_codes


@pytest.mark.parametrize("code", ["UZB", "KAZ", "UZBGOV", "KAZMILGOV", "IGOUNO", "IGO", "REB", "RUSCOP", "SUN"])
def test_check_code_accepts_what_the_coder_can_produce(code: str) -> None:
    assert check_code(code) == code


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("KZK", "KZK: unknown country code; did you mean KAZ?"),
        ("UZK", "UZK: unknown country code; did you mean UZB?"),
        ("KZKGOV", "KZKGOV: unknown country or organisation code; did you mean KAZGOV?"),
        ("UZBGVO", "UZBGOV"),
        ("UZBXXX", "UZBXXX: XXX is not a CAMEO agent or organisation code"),
    ],
)
def test_check_code_names_an_unknown_code_and_suggests_the_nearest(code: str, message: str) -> None:
    with pytest.raises(UnknownCodeError) as raised:
        check_code(code)
    assert message in str(raised.value) and str(raised.value).startswith(code)


def test_check_codes_stops_at_the_first_unknown_code() -> None:
    with pytest.raises(UnknownCodeError, match="^KZK"):
        check_codes(["UZB", "KAZ", "KZK", "TJK"])


def test_check_code_accepts_a_code_the_warehouse_holds() -> None:
    assert check_code("EUR", stored=lambda code: code == "EUR") == "EUR"  # a PETRARCH region, coded by its dictionaries
    with pytest.raises(UnknownCodeError, match="^KZK"):
        check_code("KZK", stored=lambda code: False)
