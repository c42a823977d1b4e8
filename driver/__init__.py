"""The Smart City Driver: WeGO's platform to plan, finance and deploy smart city projects."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from config import config_from_environment
from driver import inputs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handlers, commands."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    config = config_from_environment()
    app.config.from_object(config)
    app.config["ENV_NAME"] = config.ENV_NAME
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["ENV_NAME"] == "production":
        app.debug = False
    _configure_paths(app)
    register_extensions(app)
    inputs.register(app)  # before the blueprints: their rules use its <int:> converter
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    return app


def _configure_paths(app: Flask) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    uri = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not uri:
        uri = f"sqlite:///{Path(app.instance_path) / 'driver.sqlite'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(uri)
    if not app.config.get("SECRET_KEY"):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("SECRET_KEY must be set in the environment in production.")
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")


def database_uri(uri: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (``postgres://…``)."""
    for prefix in ("postgres://", "postgresql://"):
        if uri.startswith(prefix):
            return "postgresql+psycopg://" + uri.removeprefix(prefix)
    return uri


def _instance_secret(path: Path) -> str:
    """A random key kept in the instance folder, so local sessions survive a restart."""
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def register_extensions(app: Flask) -> None:
    from driver.db import configure_sqlite
    from driver.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    from driver import i18n

    i18n.register(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    from driver import models  # noqa: F401 - every table in the metadata
    from driver.auth import sessions  # noqa: F401 - registers the user loader


def register_blueprints(app: Flask) -> None:
    from driver.activator.views import bp as activator_bp
    from driver.admin import bp as admin_bp
    from driver.auth.views import bp as auth_bp
    from driver.catalogue.views import bp as catalogue_bp
    from driver.implementer.views import bp as implementer_bp
    from driver.main.language import bp as language_bp
    from driver.main.views import bp as main_bp
    from driver.matchmaking.views import bp as matchmaking_bp
    from driver.members.views import bp as members_bp
    from driver.notifications.views import bp as notifications_bp
    from driver.plan_exchange.views import bp as plan_exchange_bp
    from driver.reports.views import bp as reports_bp
    from driver.solution_finder.views import bp as solution_finder_bp

    for bp in (
        main_bp,
        language_bp,
        auth_bp,
        solution_finder_bp,
        matchmaking_bp,
        members_bp,
        notifications_bp,
        admin_bp,
        activator_bp,
        catalogue_bp,
        plan_exchange_bp,
        implementer_bp,
        reports_bp,
    ):
        app.register_blueprint(bp)
    from driver.api import init_api

    init_api(app)


def register_errorhandlers(app: Flask) -> None:
    from driver.main import errors, security

    errors.register(app)
    security.register(app)


def register_commands(app: Flask) -> None:
    from driver.commands import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from driver.main.templating import register

    register(app)
