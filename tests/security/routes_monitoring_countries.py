"""Matrix rows for the country view: administrators and the country's Programme
Officers open it; for everyone else the country is not found."""

from tests.security.matrix import Case, expect

CASES = [
    # Everyone signed in gets the list of the countries they may open (maybe none).
    Case("country-list", lambda w: "/countries/", expect(200, anon=302)),
    Case(
        "country-dashboard",
        lambda w: f"/countries/{w.project_a.country}/",
        expect(404, admin=200, po_a=200, anon=302),
    ),
    # Project B's country: po_a holds no role there.
    Case(
        "country-dashboard",
        lambda w: f"/countries/{w.project_b.country}/",
        expect(404, admin=200, po_a=404, anon=302),
        label="another-country",
    ),
]
