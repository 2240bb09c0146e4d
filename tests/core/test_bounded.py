"""Numbers and characters that would reach the database out of range are refused first."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from resokit_web.core.bounded import INT_MAX, to_int
from resokit_web.forms import BaseForm, CoordinateField, IntegerField, optional_id, whole_number
from resokit_web.live.versioning import VersionMissing, parse_version


@pytest.mark.parametrize("value", ["2147483648", "9" * 30, "9" * 5000, "-2147483649", "1e3", "١٢", " ", "0x10", True])
def test_to_int_refuses_what_is_no_database_integer(value):
    with pytest.raises(ValueError):
        to_int(value)


def test_to_int_takes_what_is():
    assert [to_int(v) for v in ("0", " 42 ", "+7", "-2147483648", str(INT_MAX), 12)] == [
        0,
        42,
        7,
        -(2**31),
        INT_MAX,
        12,
    ]


@pytest.mark.parametrize(
    "number", [str(2**31), str(2**63), "1" + "0" * 30, "9" * 5000], ids=["2^31", "2^63", "10^30", "5000 digits"]
)
def test_an_id_out_of_range_in_the_address_is_not_found(world, as_role, number):
    response = as_role("coordinator").get(f"/o/org-a/treasures/{number}")
    assert response.status_code == 404


def test_an_id_in_range_that_does_not_exist_is_not_found_either(world, as_role):
    assert as_role("coordinator").get(f"/o/org-a/treasures/{INT_MAX}").status_code == 404


def test_query_numbers_out_of_range_count_as_absent(world, as_role):
    client = as_role("coordinator")
    for value in ("9" * 25, "-9" * 12, "1e999"):
        assert client.get(f"/o/org-a/buurtkaart.geojson?id={value}").status_code == 200
        assert client.get(f"/o/org-a/partners?page={value}").status_code == 200


@pytest.mark.parametrize("where", ["path", "query", "form"])
def test_a_nul_character_is_refused(world, as_role, where):
    client = as_role("member")
    if where == "path":
        response = client.get("/buurt/a%00b")
    elif where == "query":
        response = client.get("/o/org-a/partners?q=a%00b")
    else:
        response = client.post("/login", data={"email": "a\x00@b.test", "password": "x"})
    assert response.status_code == 400


class Numbers(BaseForm):
    class Meta:
        csrf = False

    count = IntegerField()
    where = CoordinateField()


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999", "7.5", "veel"])
def test_the_integer_field_refuses_numbers_out_of_range(app, value):
    with app.test_request_context():
        form = Numbers(MultiDict({"count": value}))
        assert not form.validate() and form.count.errors and form.count.data is None


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_a_coordinate_is_a_finite_number(app, value):
    with app.test_request_context():
        form = Numbers(MultiDict({"where": value}))
        assert not form.validate() and form.where.errors and form.where.data is None


def test_ids_and_versions_in_range_or_nothing():
    assert optional_id("") is None and optional_id("12") == 12
    for bad in ("-1", "9" * 20, "x"):
        with pytest.raises(ValueError):
            optional_id(bad)
    assert whole_number("9" * 20, default=None) is None and whole_number("3", minimum=1) == 3
    assert parse_version("4") == 4
    for bad in ("0", "9" * 20, None, "drie"):
        with pytest.raises(VersionMissing):
            parse_version(bad)
