"""The app starts and a user can sign in."""


def test_sign_in_redirects_to_dashboard(browser, make_user):
    user = make_user("city")
    response = browser().post(
        "/login", {"email": user.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")


def test_wrong_password_is_refused(browser, make_user):
    user = make_user("city")
    response = browser().post("/login", {"email": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "The email or password is not right." in response.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user("city")
    response = client.post("/login", data={"email": user.email, "password": "x"})
    assert response.status_code == 400


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
