"""The matrix's table for the pages: every rule of the URL map outside /api, one row or more.

A row is ``(method, rule): [Case(...), ...]``. ``url`` fills the rule's arguments
from the world; ``expect`` gives the answer for each role of ROLES, in order
(anonymous, city A, city B, provider X, provider Y, reviewer, reviewer of Europe,
admin): a status, or ``L`` for a redirect to the sign-in page.
"""

from __future__ import annotations

from .cases import Case

P = Case.page

PAGES: dict[tuple[str, str], list[Case]] = {
    ("GET", "/"): [P("/", "200 302 302 302 302 302 302 302")],
    ("GET", "/login"): [P("/login", "200 302 302 302 302 302 302 302")],
    ("POST", "/login"): [
        P(
            "/login",
            "200 302 302 302 302 302 302 302",
            data={"email": "nobody@example.org", "password": "x"},
        )
    ],
    # Signing out ends every session of the person (their session version moves on).
    ("POST", "/logout"): [P("/logout", "L L* L* L* L* L* L* L*", sign_in_again=True)],
    # Anyone may choose the language; a visitor's is kept in the session, a user's on the account.
    ("POST", "/language"): [
        P("/language", "302 302* 302* 302* 302* 302* 302* 302*", data={"language": "ko"})
    ],
    ("GET", "/dashboard"): [P("/dashboard", "L 200 200 200 200 200 200 200")],
    ("GET", "/account"): [P("/account", "L 200 200 200 200 200 200 200")],
    ("POST", "/account"): [
        P("/account", "L 422 422 422 422 422 422 422", data={"name": "Renamed"})
    ],
    ("GET", "/account/notifications"): [
        P("/account/notifications", "L 200 200 200 200 200 200 200")
    ],
    ("POST", "/account/notifications"): [
        P("/account/notifications", "L 422 422 422 422 422 422 422", data={})
    ],
    ("GET", "/notifications"): [P("/notifications", "L 200 200 200 200 200 200 200")],
    ("POST", "/notifications/<int:notification_id>/read"): [
        P(lambda w: f"/notifications/{w.notification_a}/read", "L 302* 404 404 404 404 404 404")
    ],
    ("POST", "/notifications/read"): [
        P("/notifications/read", "L 302* 302* 302 302 302* 302* 302")
    ],
    # -- Activator
    ("GET", "/activator"): [P("/activator", "L 200 200 404 404 200 200 200")],
    ("POST", "/activator/assessments"): [
        P("/activator/assessments", "L 302* 302* 404 404 403 403 403", data={"year": "2023"})
    ],
    ("POST", "/activator/population"): [
        P(
            "/activator/population",
            "L 302* 302* 404 404 403 403 403",
            data={"population": "1200000"},
        )
    ],
    ("GET", "/activator/assessments/<int:assessment_id>"): [
        P(lambda w: f"/activator/assessments/{w.assessment_a}", "L 200 404 404 404 200 404 200")
    ],
    ("GET", "/activator/assessments/<int:assessment_id>/areas/<area>"): [
        P(
            lambda w: f"/activator/assessments/{w.assessment_a}/areas/tourism",
            "L 200 404 404 404 403 404 403",
        )
    ],
    ("POST", "/activator/assessments/<int:assessment_id>/areas/<area>"): [
        P(
            lambda w: f"/activator/assessments/{w.assessment_a}/areas/tourism",
            "L 302* 404 404 404 403 404 403",
            data={},
        )
    ],
    ("POST", "/activator/assessments/<int:assessment_id>/complete"): [
        P(
            lambda w: f"/activator/assessments/{w.assessment_a}/complete",
            "L 302 404 404 404 403 404 403",
        )
    ],
    ("GET", "/activator/assessments/<int:assessment_id>/results"): [
        P(
            lambda w: f"/activator/assessments/{w.assessment_a}/results",
            "L 200 404 404 404 200 404 200",
        )
    ],
    # -- administration
    ("GET", "/admin/emails"): [P("/admin/emails", "L 404 404 404 404 404 404 200")],
    ("GET", "/admin/emails/<kind>"): [
        P("/admin/emails/application.submit", "L 404 404 404 404 404 404 200")
    ],
    ("POST", "/admin/emails/<kind>"): [
        P(
            "/admin/emails/application.submit",
            "L 404 404 404 404 404 404 200",
            data={"language": "en", "subject": "Hi {{ title }}", "body": "Body", "save": "1"},
        )
    ],
    ("POST", "/admin/emails/<kind>/reset"): [
        P(
            "/admin/emails/application.submit/reset",
            "L 404 404 404 404 404 404 302",
            data={"language": "en"},
        )
    ],
    ("GET", "/admin/outbox"): [P("/admin/outbox", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/outbox/<int:message_id>/retry"): [
        P(lambda w: f"/admin/outbox/{w.outbox}/retry", "L 404 404 404 404 404 404 302*")
    ],
    ("GET", "/admin/users"): [P("/admin/users", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/users/<int:user_id>/active"): [
        P(
            lambda w: f"/admin/users/{w.spare}/active",
            "L 404 404 404 404 404 404 302*",
            data={"active": "0"},
        )
    ],
    ("GET", "/admin/users/new"): [P("/admin/users/new", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/users/new"): [
        P(
            "/admin/users/new",
            "L 404 404 404 404 404 404 422",
            data={"email": "new@example.org", "name": "New", "role": "reviewer"},
        )
    ],
    # -- Solution Finder and matchmaking
    ("GET", "/applications"): [P("/applications", "L 200 200 200 200 302 302 302")],
    ("GET", "/review"): [P("/review", "L 404 404 404 404 200 200 200")],
    ("GET", "/applications/new"): [P("/applications/new", "L 200 200 404 404 404 404 404")],
    ("POST", "/applications/new"): [
        P(
            "/applications/new",
            "L 302* 302* 404 404 404 404 404",
            data={"title": "Smart meters", "description": "Leaks.", "areas": "water-management"},
        )
    ],
    ("GET", "/applications/<int:app_id>"): [
        P(lambda w: f"/applications/{w.matchmaking}", "L 200 404 200 404 200 404 200"),
        P(lambda w: f"/applications/{w.draft}", "L 200 404 404 404 404 404 404"),
        P(lambda w: f"/applications/{w.submitted_b}", "L 404 200 404 404 200 200 200"),
    ],
    ("GET", "/applications/<int:app_id>/edit"): [
        P(lambda w: f"/applications/{w.draft}/edit", "L 200 404 404 404 404 404 404")
    ],
    ("POST", "/applications/<int:app_id>/edit"): [
        P(
            lambda w: f"/applications/{w.draft}/edit",
            "L 302* 404 404 404 404 404 404",
            data={"title": "Better"},
        )
    ],
    ("GET", "/applications/<int:app_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/applications/{w.submitted_a}/transitions/start_review",
            "L 302 404 404 404 200 404 200",
        )
    ],
    ("POST", "/applications/<int:app_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/applications/{w.submitted_a}/transitions/start_review",
            "L 302 404 404 404 302* 404 302*",
        ),
        P(
            lambda w: f"/applications/{w.draft}/transitions/submit",
            "L 302* 404 404 404 404 404 404",
        ),
    ],
    ("POST", "/applications/<int:app_id>/matches"): [
        P(
            lambda w: f"/applications/{w.matchmaking}/matches",
            "L 403 404 403 404 302* 404 302*",
            data=lambda w: {"provider_id": str(w.provider_y)},
        )
    ],
    ("GET", "/applications/<int:app_id>/partners"): [
        P(lambda w: f"/applications/{w.matchmaking}/partners", "L 200 404 302 404 302 404 302")
    ],
    ("POST", "/applications/<int:app_id>/partners"): [
        P(
            lambda w: f"/applications/{w.matchmaking}/partners",
            "L 409 404 302 404 302 404 302",
            data={},
        )
    ],
    ("GET", "/applications/<int:app_id>/suggestions"): [
        P(lambda w: f"/applications/{w.matchmaking}/suggestions", "L 403 404 403 404 200 404 200")
    ],
    ("GET", "/offers"): [P("/offers", "L 404 404 200 200 404 404 404")],
    ("GET", "/matches/<int:match_id>"): [
        P(lambda w: f"/matches/{w.match_x}", "L 200 404 200 404 200 404 200")
    ],
    ("GET", "/matches/<int:match_id>/transitions/<trigger>"): [
        P(lambda w: f"/matches/{w.match_x}/transitions/accept", "L 302 404 200 404 302 404 302")
    ],
    ("POST", "/matches/<int:match_id>/transitions/<trigger>"): [
        P(lambda w: f"/matches/{w.match_x}/transitions/accept", "L 302 404 302* 404 302 404 302")
    ],
    # -- providers and catalogue
    ("GET", "/providers"): [P("/providers", "L 404 404 404 404 200 200 200")],
    ("GET", "/providers/<int:member_id>"): [
        P(lambda w: f"/providers/{w.provider_x}", "L 200 200 200 404 200 200 200"),
        P(lambda w: f"/providers/{w.pending}", "L 404 404 404 404 200 200 200"),
    ],
    ("GET", "/providers/<int:member_id>/edit"): [
        P(lambda w: f"/providers/{w.provider_x}/edit", "L 404 404 200 404 404 404 200")
    ],
    ("POST", "/providers/<int:member_id>/edit"): [
        P(
            lambda w: f"/providers/{w.provider_x}/edit",
            "L 404 404 422 404 404 404 422",
            data={"summary": "Sensors."},
        )
    ],
    ("POST", "/providers/<int:member_id>/verify"): [
        P(
            lambda w: f"/providers/{w.pending}/verify",
            "L 404 404 404 404 404 404 302*",
            data={"verified": "1"},
        )
    ],
    ("GET", "/solutions"): [P("/solutions", "L 200 200 200 200 200 200 200")],
    ("GET", "/solutions/new"): [P("/solutions/new", "L 404 404 200 200 404 404 404")],
    ("POST", "/solutions/new"): [
        P(
            "/solutions/new",
            "L 404 404 302* 302* 404 404 404",
            data={"name": "Pumps", "areas": "water-management"},
        )
    ],
    ("GET", "/solutions/<int:solution_id>"): [
        P(lambda w: f"/solutions/{w.solution_x}", "L 200 200 200 200 200 200 200"),
        P(lambda w: f"/solutions/{w.solution_pending}", "L 404 404 200 404 200 200 200"),
    ],
    ("GET", "/solutions/<int:solution_id>/edit"): [
        P(lambda w: f"/solutions/{w.solution_x}/edit", "L 404 404 200 404 404 404 200")
    ],
    ("POST", "/solutions/<int:solution_id>/edit"): [
        P(
            lambda w: f"/solutions/{w.solution_x}/edit",
            "L 404 404 422 404 404 404 422",
            data={"name": "Renamed"},
        )
    ],
    ("POST", "/solutions/<int:solution_id>/verify"): [
        P(
            lambda w: f"/solutions/{w.solution_pending}/verify",
            "L 404 404 403 404 302* 302* 302*",
            data={"verified": "1"},
        )
    ],
    # -- Plan Exchange
    ("GET", "/plan-exchange"): [P("/plan-exchange?q=lighting", "200 200 200 200 200 200 200 200")],
    ("GET", "/plan-exchange/mine"): [P("/plan-exchange/mine", "L 200 200 404 404 404 404 404")],
    ("GET", "/plan-exchange/review"): [P("/plan-exchange/review", "L 404 404 404 404 200 200 200")],
    ("GET", "/plan-exchange/new"): [P("/plan-exchange/new", "L 200 200 404 404 404 404 404")],
    ("POST", "/plan-exchange/new"): [
        P("/plan-exchange/new", "L 302* 302* 404 404 404 404 404", data={"title": "Bikes"})
    ],
    ("GET", "/plan-exchange/<int:project_id>"): [
        P(lambda w: f"/plan-exchange/{w.plan_published_b}", "200 200 200 200 200 200 200 200"),
        P(lambda w: f"/plan-exchange/{w.plan_draft_a}", "404 200 404 404 404 200 404 200"),
    ],
    ("GET", "/plan-exchange/<int:project_id>/edit"): [
        P(lambda w: f"/plan-exchange/{w.plan_draft_a}/edit", "L 200 404 404 404 302 404 302")
    ],
    ("POST", "/plan-exchange/<int:project_id>/edit"): [
        P(
            lambda w: f"/plan-exchange/{w.plan_draft_a}/edit",
            "L 302* 404 404 404 302 404 302",
            data={"title": "Renamed"},
        )
    ],
    ("GET", "/plan-exchange/<int:project_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/plan-exchange/{w.plan_review_a}/transitions/publish",
            "L 302 404 404 404 200 404 200",
        )
    ],
    ("POST", "/plan-exchange/<int:project_id>/transitions/<trigger>"): [
        P(
            lambda w: f"/plan-exchange/{w.plan_review_a}/transitions/publish",
            "L 302 404 404 404 302* 404 302*",
        )
    ],
    # The world's project is still at its tender: its city is told it cannot be published yet.
    ("POST", "/plan-exchange/from-implementer/<int:project_id>"): [
        P(
            lambda w: f"/plan-exchange/from-implementer/{w.project}",
            "L 302 404 302 302 302 404 302",
        )
    ],
    ("POST", "/plan-exchange/from-application/<int:app_id>"): [
        P(
            lambda w: f"/plan-exchange/from-application/{w.completed}",
            "L 302* 404 404 404 302 404 302",
        )
    ],
    # -- two-factor sign-in (without a pending password step, back to the sign-in page)
    ("GET", "/login/two-factor"): [P("/login/two-factor", "L L L L L L L L")],
    ("POST", "/login/two-factor"): [
        P("/login/two-factor", "L L L L L L L L", data={"code": "123456"})
    ],
    ("GET", "/account/two-factor"): [P("/account/two-factor", "L 200 200 200 200 200 200 200")],
    ("POST", "/account/two-factor"): [
        P("/account/two-factor", "L 422 422 422 422 422 422 422", data={"code": "000000"})
    ],
    ("POST", "/account/two-factor/disable"): [
        P("/account/two-factor/disable", "L 302 302 302 302 302 302 302", data={})
    ],
    # -- admin: security settings and log
    ("GET", "/admin/security"): [P("/admin/security", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/security"): [
        P("/admin/security", "L 404 404 404 404 404 404 302*", data={"required": "1"})
    ],
    ("GET", "/admin/security/events"): [
        P("/admin/security/events", "L 404 404 404 404 404 404 200")
    ],
    # -- reports (WeGO staff; a regional reviewer's numbers cover its regions)
    **{
        ("GET", path): [P(path, "L 404 404 404 404 200 200 200")]
        for path in (
            "/reports",
            "/reports/funnel",
            "/reports/time-in-state",
            "/reports/geography",
            "/reports/matchmaking",
            "/reports/self-assessment",
            "/reports/membership",
        )
    },
    # -- the membership registry (admin) and the public members page
    ("GET", "/members"): [P("/members", "200 200 200 200 200 200 200 200")],
    ("GET", "/admin/members"): [P("/admin/members", "L 404 404 404 404 404 404 200")],
    ("GET", "/admin/members/new"): [P("/admin/members/new", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/members/new"): [
        P("/admin/members/new", "L 404 404 404 404 404 404 422", data={"name": ""})
    ],
    ("GET", "/admin/members/<int:member_id>/edit"): [
        P(lambda w: f"/admin/members/{w.city_a}/edit", "L 404 404 404 404 404 404 200")
    ],
    ("POST", "/admin/members/<int:member_id>/edit"): [
        P(
            lambda w: f"/admin/members/{w.city_a}/edit",
            "L 404 404 404 404 404 404 422",
            data={"name": ""},
        )
    ],
    ("GET", "/admin/members/import"): [P("/admin/members/import", "L 404 404 404 404 404 404 200")],
    ("POST", "/admin/members/import"): [
        P("/admin/members/import", "L 404 404 404 404 404 404 422", data={})
    ],
    ("POST", "/admin/members/import/confirm"): [
        # Nothing previewed to confirm: back to the import page, nothing written.
        P("/admin/members/import/confirm", "L 404 404 404 404 404 404 302", data={})
    ],
    ("GET", "/admin/members/import/template.csv"): [
        P("/admin/members/import/template.csv", "L 404 404 404 404 404 404 200")
    ],
}
