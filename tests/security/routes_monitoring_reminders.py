"""Matrix rows for the reminders (monitoring/reminders): everyone signed in opens their
own list and saves their own e-mail settings; anonymous visitors go to the login page."""

from tests.security.matrix import Case, expect

SIGNED_IN_PAGE = expect(200, anon=302)
SIGNED_IN_POST = expect(302)  # saved and back to the list; anonymous: to the login page

CASES = [
    Case("reminder-list", lambda w: "/reminders/", SIGNED_IN_PAGE),
    Case(
        "reminder-list",
        lambda w: f"/reminders/?cluster={w.a1.pk}",
        expect(200, cda_a2=404, coord_b=404, anon=302),
        label="one-cluster",
    ),
    Case(
        "reminder-preferences",
        lambda w: "/reminders/preferences/",
        SIGNED_IN_POST,
        method="post",
        data=lambda w: {"emails_enabled": "on", "language": ""},
    ),
]
