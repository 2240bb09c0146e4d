"""The three sources checked against their own sites (December 2026): names, publishers
and addresses as the institutions give them."""

from flask_babel import force_locale

from resokit_web.buurtanalyse.catalogue import CATALOGUE

BY_ID = {s.id: s for s in CATALOGUE}


def test_the_checked_sources_addresses(app):
    assert BY_ID["view_brussels"].url == "https://view.brussels"
    assert BY_ID["desocialekaart"].url == "https://www.desocialekaart.be"
    assert BY_ID["perspective"].url == "https://perspective.brussels"
    assert BY_ID["ibsa"].url == "https://ibsa.brussels"


def test_the_checked_sources_names_and_publishers(app):
    with app.test_request_context(), force_locale("en"):
        assert str(BY_ID["view_brussels"].name) == "view.brussels"
        # view.brussels is the joint study service of Actiris and Bruxelles Formation.
        assert "Actiris and Bruxelles Formation" in str(BY_ID["view_brussels"].publisher)
        assert str(BY_ID["desocialekaart"].name) == "De Sociale Kaart"
        # IBSA is part of perspective.brussels; in English it calls itself BISA.
        assert str(BY_ID["ibsa"].publisher) == "perspective.brussels"
        assert str(BY_ID["ibsa"].name).endswith("(BISA)")
    with app.test_request_context(), force_locale("fr"):
        assert str(BY_ID["ibsa"].name) == "Institut Bruxellois de Statistique et d’Analyse (IBSA)"
        assert "Actiris et Bruxelles Formation" in str(BY_ID["view_brussels"].publisher)
    with app.test_request_context(), force_locale("nl"):
        assert "Actiris en Bruxelles Formation" in str(BY_ID["view_brussels"].publisher)
