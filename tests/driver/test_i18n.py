"""Languages: complete catalogues, compiled files in step, the locale choice, translated exports."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import get_locale
from flask_login import login_user

from driver import i18n, transitions
from driver.exports.files import cell
from driver.i18n import LANGUAGES, select_locale
from driver.members.reference import AREAS, CATEGORIES, MEMBER_STATUSES, REGIONAL_OFFICES
from driver.plan_exchange import services as plan_exchange
from workflows import solution_finder
from workflows.implementer import bid, proposal

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "driver" / "translations"
TRANSLATED = sorted(set(LANGUAGES) - {"en"})
# As ``pybabel extract -k _l -k lazy_gettext -k lazy_ngettext:1,2`` (README, Translations).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}


def _po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def _catalog(lang: str):
    with _po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _scanned(path: str) -> bool:
    """The directories ``pybabel extract --ignore-dirs '.* node_modules __pycache__'`` reads
    (Babel's default skips ``_``-directories, and with them ``templates/_partials``)."""
    name = Path(path).name
    return not (name.startswith(".") or name in {"node_modules", "__pycache__"})


@pytest.fixture(scope="module")
def extracted() -> dict[str, list[str]]:
    """Every message the source holds, as ``pybabel extract -F babel.cfg`` finds it: where."""
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse(handle)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=_scanned
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


# -- catalogues --------------------------------------------------------------------------


def test_the_source_marks_the_export_words(extracted):
    labels = {label for _slug, label in AREAS}
    labels |= set(CATEGORIES.values()) | set(MEMBER_STATUSES.values())
    labels |= set(REGIONAL_OFFICES.values()) | set(solution_finder.STEPS.values())
    for states in (solution_finder.STATES, proposal.STATES, bid.STATES):
        labels |= {s.staff_label for s in states} | {s.public_label for s in states}
    labels |= {"ID", "Title", "Weighted mean (0-5)", "yes", "no", "%(rank)s (tie)"}
    assert sorted(labels - set(extracted)) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(extracted, lang):
    catalog = _catalog(lang)
    missing = [m for m in extracted if not (catalog.get(m) and catalog.get(m).string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert missing == [], f"{lang}: not translated: {missing}"
    assert fuzzy == [], f"{lang}: fuzzy: {fuzzy}"
    assert not catalog.fuzzy


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_their_placeholders(lang):
    for message in _catalog(lang):
        if message.id and "python-format" in message.flags:
            assert message.check(_catalog(lang)) == [], message.id


def _shape(text: str) -> tuple[list[str], list[str]]:
    """The Jinja expressions and the HTML tags of a message, in sorted order."""
    jinja = sorted(" ".join(m.split()) for m in re.findall(r"\{\{(.*?)\}\}", text))
    tags = sorted(re.findall(r"</?[a-z][a-z0-9]*", text))
    return jinja, tags


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_their_markup_and_jinja_placeholders(lang):
    """E-mail texts are Jinja (``{{ title }}``); page messages may hold links and emphasis."""
    wrong = []
    for message in _catalog(lang):
        if not message.id:
            continue
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        jinja, tags = _shape(source)
        for string in strings:
            got_jinja, got_tags = _shape(string)
            differs = got_tags != tags or {*got_jinja} != {*jinja}
            # The digest's subject may drop its English plural ending for a counter word.
            reworded_plural = "count" in source and "{{ count }}" in string
            if differs and not reworded_plural:
                wrong.append(source)
    assert wrong == []


def test_the_template_lists_what_the_source_holds(extracted):
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    assert template == set(extracted), "run pybabel extract (README, Translations)"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_committed_mo_files_are_compiled_from_their_po(lang):
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(lang))
    committed = _po_path(lang).with_suffix(".mo").read_bytes()
    assert committed == compiled.getvalue(), f"run pybabel compile -d driver/translations ({lang})"


def test_the_workflow_extractor_reads_every_text_of_a_declaration():
    from driver.i18n import extract_workflow_labels

    source = (
        b'STEPS = {1: "One"}\nSTATES = [State("a", 1, "Staff", "Public"), Other("x")]\n'
        b'G = Guard("g", check, "Why not")\n'
        b'T = Transition("t", ("a",), "b", ROLES, 1, "Act", comment_label="Say", comment_help="")\n'
        b'U = Transition(trigger="u", label="Act too", comment_help="Help")\n'
    )
    found = [m for _line, _f, m, _c in extract_workflow_labels(io.BytesIO(source), (), (), {})]
    assert sorted(found) == ["Act", "Act too", "Help", "One", "Public", "Say", "Staff", "Why not"]


# -- the locale of a request ---------------------------------------------------------------


def _locale(app, accept: str | None = None, user=None) -> str:
    headers = {"Accept-Language": accept} if accept else {}
    # A request's own app context, as in production (Flask-Babel keeps the locale in ``g``).
    with app.app_context(), app.test_request_context("/", headers=headers):
        if user is not None:
            login_user(user)
        chosen = select_locale()
        assert str(get_locale()) == chosen  # Flask-Babel asks the same selector
        return chosen


def test_the_users_language_wins_over_the_browser(app, make_user):
    assert _locale(app, "fr-FR,fr;q=0.9", make_user("city", language="ko")) == "ko"


def test_without_a_supported_user_language_the_browser_decides(app, make_user):
    assert _locale(app, "es-MX,es;q=0.9,en;q=0.5", make_user("city", language="ar")) == "es"
    assert _locale(app, "de-DE,ru;q=0.8,fr;q=0.5") == "ru"
    assert _locale(app, "zh-CN") == "zh"


def test_otherwise_english(app, make_user):
    assert _locale(app) == "en"
    assert _locale(app, "de-DE,pt;q=0.8") == "en"
    assert _locale(app, "de", make_user("city", language="tr")) == "en"


def test_templates_know_the_locale(app):
    with app.app_context(), app.test_request_context("/", headers={"Accept-Language": "ko"}):
        assert render_template_string("{{ get_locale() }} {{ LANGUAGES['ko'] }}") == "ko 한국어"


def test_a_value_that_is_not_our_message_is_escaped_by_underscore(app):
    with app.app_context(), app.test_request_context("/"):
        rendered = render_template_string("{{ _(v) }}|{{ _('just now') }}", v="<b>Rain</b> & co")
    assert rendered == "&lt;b&gt;Rain&lt;/b&gt; &amp; co|just now"


def test_our_own_messages_keep_their_markup(app):
    source = "{% trans url='/x' %}Read <a href=\"{{ url }}\">the guide</a>.{% endtrans %}"
    with app.app_context(), app.test_request_context("/"):
        assert "<b>" not in render_template_string("{{ _(v) }}", v="<b>")
        known = sorted(m for m in i18n.known_messages() if "<" in m and "%" not in m)
        assert known, "some message of ours holds markup"
        assert render_template_string("{{ _(m) }}", m=known[0]) == known[0]
        # A trans block that is not in the catalogue is escaped like any other value.
        assert "&lt;a href" in render_template_string(source)


def test_a_yes_or_no_cell_is_in_the_request_language(app):
    with app.app_context(), app.test_request_context("/", headers={"Accept-Language": "ru"}):
        assert (cell(True), cell(False)) == ("да", "нет")
    with app.app_context():
        assert cell(True) == "yes"  # outside a request (a command line): English


# -- exports in the user's language ----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_korean_city_user_downloads_its_applications_in_korean(
    browser, make_member, make_user, make_application, read_export, fmt
):
    suwon = make_member(name="Suwon")
    user = make_user("city", member=suwon, language="ko")
    make_application(user, state="in_review", title="Flood sensors")
    rows = read_export(browser(user).get(f"/applications?format={fmt}"))
    assert rows[0] == ["ID", "제목", "도시", "상태", "단계", "최종 변경"]
    assert rows[1][1:5] == ["Flood sensors", "Suwon", "검토 중", "2. 검토 및 피드백"]


def test_a_korean_reviewer_gets_korean_areas_regions_and_states(
    browser, make_member, make_user, make_application, read_export
):
    city = make_user("city", member=make_member(name="Suwon"))
    make_application(city, state="submitted", areas=("water-management", "e-government"))
    rows = read_export(browser(make_user("reviewer", language="ko")).get("/review?format=csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["분야"] in {"물 관리, 전자정부", "전자정부, 물 관리"}
    assert (row["지역"], row["국가"], row["도시"]) == ("아시아태평양", "Korea", "Suwon")
    assert row["상태"] == "제출됨, 심사자 배정 대기"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_french_browser_without_a_user_gets_french_headings(
    browser, make_member, make_user, read_export, fmt
):
    lyon = make_user("city", member=make_member(name="Lyon", country="France", region="Europe"))
    fields = {"title": "Rain gardens", "summary": "Streets that drink the rain.", "stage": 2}
    fields |= {"areas": ("water-management",), "stakeholders": (("Water utility", "executes"),)}
    project = plan_exchange.create_project(lyon, plan_exchange.ProjectInput(**fields))
    transitions.fire(plan_exchange.BINDING, project.id, "submit", lyon)
    transitions.fire(plan_exchange.BINDING, project.id, "publish", make_user("reviewer"))
    rows = read_export(
        browser().get(f"/plan-exchange?format={fmt}", headers={"Accept-Language": "fr-FR,fr"})
    )
    row = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0][:5] == ["ID", "Titre", "Ville", "Pays", "Région"]
    assert (row["Titre"], row["Ville"], row["Région"]) == ("Rain gardens", "Lyon", "Europe")
    assert (row["Domaines"], row["Stade"]) == ("Gestion de l'eau", "2 (Expérimentation)")


def test_a_spanish_admin_gets_the_registry_words_in_spanish(
    browser, make_member, make_user, read_export
):
    make_member(
        name="Quito",
        country="Ecuador",
        region="Americas",
        sub_category="city",
        regional_office="latin_america",
        status="active",
    )
    rows = read_export(
        browser(make_user("admin", language="es")).get("/admin/members?q=Quito&format=xlsx")
    )
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Nombre"], row["País"], row["Región"]) == ("Quito", "Ecuador", "Américas")
    assert (row["Categoría"], row["Subcategoría"]) == ("Gobierno local", "Ciudad")
    assert (row["Oficina regional"], row["Estado"]) == (
        "América Latina (Ciudad de México)",
        "Activo",
    )


def test_an_english_user_keeps_english_exports(browser, make_user, make_application, read_export):
    user = make_user("city", language="en")  # chose English: the browser does not decide
    make_application(user, state="in_review")
    page = browser(user)
    rows = read_export(page.get("/applications?format=csv", headers={"Accept-Language": "ko"}))
    assert rows[0][:4] == ["ID", "Title", "City", "Status"]
    assert rows[1][3:5] == ["Under review", "2. Review and feedback"]
