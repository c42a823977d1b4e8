"""The command line (DESIGN §9): ``seed`` and ``create-user``."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import delete, func, select

from driver.auth.models import User
from driver.demo import ACCOUNTS, DEMO_PASSWORD
from driver.extensions import db
from driver.members.models import Area, Member
from driver.members.reference import AREAS, member_rows

PASSWORD = "a long enough password"


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def user(email):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


# -- seed -------------------------------------------------------------------------------


@pytest.fixture
def no_areas(app):
    db.session.execute(delete(Area))
    db.session.commit()


def test_seed_loads_the_16_areas(runner, no_areas):
    runner.invoke(args=["seed"])
    assert sorted(db.session.scalars(select(Area.slug))) == sorted(s for s, _ in AREAS)


def test_seed_loads_the_members(runner):
    runner.invoke(args=["seed"])
    assert count(Member) == len(member_rows()) > 150


def test_seed_says_what_it_added(runner, no_areas):
    result = runner.invoke(args=["seed"])
    assert (result.exit_code, result.output.strip()) == (
        0,
        f"Reference data: 16 areas and {len(member_rows())} members added.",
    )


def test_seed_twice_changes_nothing(runner):
    runner.invoke(args=["seed"])
    before = count(Area), count(Member)
    result = runner.invoke(args=["seed"])
    assert ((count(Area), count(Member)), result.output.strip()) == (
        before,
        "Reference data: 0 areas and 0 members added.",
    )


def test_seed_adds_only_what_is_missing(runner):
    runner.invoke(args=["seed"])
    db.session.execute(delete(Member).where(Member.name == "Seoul"))
    db.session.commit()
    result = runner.invoke(args=["seed"])
    assert "0 areas and 1 members added" in result.output


def test_seed_keeps_the_member_categories(runner):
    runner.invoke(args=["seed"])
    categories = set(db.session.scalars(select(Member.category).distinct()))
    assert categories == {"local_government", "corporation", "institution"}


# -- seed --demo ------------------------------------------------------------------------------


@pytest.fixture
def cheap_hashing(monkeypatch):
    """argon2 is slow on purpose; the demo hashes ten passwords."""
    monkeypatch.setattr(
        "driver.auth.models._hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


def test_seed_demo_creates_the_demo_accounts(runner, cheap_hashing):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert sorted(db.session.scalars(select(User.email))) == sorted(a[0] for a in ACCOUNTS)


def test_seed_demo_prints_every_account_and_the_password(runner, cheap_hashing):
    result = runner.invoke(args=["seed", "--demo"])
    printed = result.output
    assert DEMO_PASSWORD in printed and all(email in printed for email, *_ in ACCOUNTS)


def test_seed_demo_twice_creates_nothing_more(runner, cheap_hashing):
    runner.invoke(args=["seed", "--demo"])
    before = count(User), count(Member)
    result = runner.invoke(args=["seed", "--demo"])
    assert (result.exit_code, (count(User), count(Member))) == (0, before)


def test_demo_accounts_sign_in_with_the_printed_password(runner, cheap_hashing):
    runner.invoke(args=["seed", "--demo"])
    admin = user(ACCOUNTS[0][0])
    assert admin.check_password(DEMO_PASSWORD)


# -- create-user ---------------------------------------------------------------------


@pytest.fixture
def seoul(make_member):
    return make_member("local_government", name="Seoul", country="Korea", region="Asia-Pacific")


def create(runner, *args, input=None):
    return runner.invoke(args=["create-user", *args], input=input)


def test_create_user_with_a_member(runner, seoul):
    result = create(
        runner, "kim@seoul.go.kr", "--role", "city", "--member", "seoul", "--password", PASSWORD
    )
    created = user("kim@seoul.go.kr")
    assert (result.exit_code, created.role, created.member_id) == (0, "city", seoul.id)


def test_create_user_says_what_it_created(runner, seoul):
    result = create(
        runner, "kim@seoul.go.kr", "--role", "city", "--member", "Seoul", "--password", PASSWORD
    )
    assert result.output.strip() == "Created city kim@seoul.go.kr."


def test_create_user_stores_a_hashed_password(runner):
    create(runner, "ana@we-gov.org", "--role", "admin", "--password", PASSWORD)
    created = user("ana@we-gov.org")
    assert PASSWORD not in created.password_hash and created.check_password(PASSWORD)


def test_create_user_stores_the_reviewers_regions(runner):
    create(
        runner,
        "amara@we-gov.org",
        "--role",
        "reviewer",
        "--region",
        "Africa",
        "--region",
        "Europe",
        "--password",
        PASSWORD,
    )
    assert user("amara@we-gov.org").regions == ["Africa", "Europe"]


def test_create_user_stores_the_name(runner):
    create(runner, "ana@we-gov.org", "--role", "admin", "--name", "Ana", "--password", PASSWORD)
    assert user("ana@we-gov.org").name == "Ana"


def test_create_user_prompts_for_a_missing_password(runner):
    result = create(runner, "ana@we-gov.org", "--role", "admin", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert (result.exit_code, user("ana@we-gov.org").check_password(PASSWORD)) == (0, True)


def test_create_user_prompt_hides_the_password(runner):
    result = create(runner, "ana@we-gov.org", "--role", "admin", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert "Password" in result.output and PASSWORD not in result.output


def test_create_user_asks_again_when_the_confirmation_differs(runner):
    result = create(
        runner,
        "ana@we-gov.org",
        "--role",
        "admin",
        input=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n",
    )
    assert (result.exit_code, user("ana@we-gov.org") is not None) == (0, True)


@pytest.mark.parametrize(
    ("args", "exit_code", "says"),
    [
        (["--role", "mayor"], 2, "mayor"),
        (["--role", "city", "--member", "Atlantis"], 2, "Atlantis"),
        (["--role", "city"], 1, "member"),
        (["--role", "provider", "--member", "Seoul"], 1, "corporation or institution"),
        (["--role", "admin", "--member", "Seoul"], 1, "member"),
        (["--role", "reviewer", "--region", "Atlantis"], 1, "Unknown region"),
        (["--role", "city", "--member", "Seoul", "--region", "Africa"], 1, "Only reviewers"),
        (["--role", "admin", "--password", "short"], 1, "at least 8"),
    ],
    ids=[
        "bad-role",
        "unknown-member",
        "city-without-member",
        "provider-of-a-city",
        "admin-with-member",
        "unknown-region",
        "region-not-reviewer",
        "short-password",
    ],
)
def test_create_user_refuses(runner, seoul, args, exit_code, says):
    if "--password" not in args:
        args = [*args, "--password", PASSWORD]
    result = create(runner, "kim@seoul.go.kr", *args)
    assert (result.exit_code, says in result.output, count(User)) == (exit_code, True, 0)


def test_create_user_refuses_a_bad_email(runner):
    result = create(runner, "not-an-email", "--role", "admin", "--password", PASSWORD)
    assert (result.exit_code, count(User)) == (1, 0)


def test_create_user_refuses_an_email_in_use(runner, make_user):
    make_user("admin", email="ana@we-gov.org")
    result = create(runner, "ANA@we-gov.org", "--role", "admin", "--password", PASSWORD)
    assert (result.exit_code, "already exists" in result.output, count(User)) == (1, True, 1)


def test_create_user_refuses_an_ambiguous_member_name(runner, make_member):
    make_member("local_government", name="Santiago", country="Chile", region="Americas")
    make_member("local_government", name="Santiago", country="Spain", region="Europe")
    result = create(
        runner, "x@example.org", "--role", "city", "--member", "Santiago", "--password", PASSWORD
    )
    assert (result.exit_code, count(User)) == (2, 0)
