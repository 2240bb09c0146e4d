"""The same partner under different spellings: case, accents, punctuation, legal forms."""

from __future__ import annotations

import pytest

from resokit_web.partners.matching import name_key, name_tokens, same_partner


@pytest.mark.parametrize(
    "a,b",
    [
        ("Buurthuis Chambéry", "BUURTHUIS CHAMBERY"),
        ("Buurthuis Chambéry vzw", "buurthuis chambery"),
        ("Buurthuis Chambéry v.z.w.", "Buurthuis-Chambery"),
        ("a.s.b.l. Maison Médicale", "Maison medicale ASBL"),
        ("Medikuregem vzw", "MEDIKUREGEM asbl"),
        ("D'Broej", "D Broej"),
        ("D'Broej", "DBroej"),
        ("De Vaartkapoen", "Vaartkapoen vzw"),
        ("Welzijn & Gezondheid", "Welzijn en Gezondheid"),
        ("Repair Café Kuregem", "Repair  Cafe   Kuregem"),
        ("Œuvre des Ateliers", "oeuvre des ateliers"),
        ("Straßenküche", "Strassenkuche"),
        ("Foyer Anderlechtois SCRL", "Foyer anderlechtois"),
    ],
)
def test_the_same_partner_is_recognised(a, b):
    assert same_partner(a, b), (name_key(a), name_key(b))


@pytest.mark.parametrize(
    "a,b",
    [
        ("Buurthuis Chambéry", "Buurthuis Bizet"),
        ("OCMW Anderlecht", "CPAS d'Anderlecht"),
        ("Jeugdhuis Kuregem", "Jeugdhuis Kuregem Noord"),
        ("vzw", "asbl"),
        ("", ""),
    ],
)
def test_different_partners_stay_apart(a, b):
    assert not same_partner(a, b)


def test_a_legal_form_alone_is_kept_as_the_name():
    assert name_tokens("vzw") == ["vzw"]
    assert name_tokens("De") == ["de"]
