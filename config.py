"""Configuration classes; every setting can be overridden from the environment."""

from __future__ import annotations

import os


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    # None means: a SQLite file in the instance folder (set by create_app).
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "15000"))

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    MAIL_FROM = os.environ.get("MAIL_FROM", "Smart City Driver <no-reply@we-gov.org>")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:5000")

    QUEUE_PAGE_SIZE = int(os.environ.get("QUEUE_PAGE_SIZE", "25"))
    API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))
    API_TOKEN_TTL_HOURS = int(os.environ.get("API_TOKEN_TTL_HOURS", "24"))

    # Matchmaking weights (DESIGN §6); they must add up to 1.
    MATCH_WEIGHTS = {
        "areas": _env_float("MATCH_WEIGHT_AREAS", 0.35),
        "stage": _env_float("MATCH_WEIGHT_STAGE", 0.15),
        "geography": _env_float("MATCH_WEIGHT_GEOGRAPHY", 0.15),
        "budget": _env_float("MATCH_WEIGHT_BUDGET", 0.15),
        "language": _env_float("MATCH_WEIGHT_LANGUAGE", 0.10),
        "track_record": _env_float("MATCH_WEIGHT_TRACK_RECORD", 0.10),
    }

    # flask-smorest / OpenAPI
    API_TITLE = "Smart City Driver API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"


class DevelopmentConfig(Config):
    """Local work on the embedded database."""

    DEBUG = _env_bool("FLASK_DEBUG", False)


class TestingConfig(Config):
    """The test suite: SQLite in a temporary folder unless DATABASE_URL says otherwise."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 - a fixed key for tests only
    WTF_CSRF_ENABLED = True


class ProductionConfig(Config):
    """Behind a load balancer on PostgreSQL: secrets must come from the environment."""

    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_environment() -> type[Config]:
    """Pick the configuration class named by DRIVER_ENV (default: development)."""
    name = os.environ.get("DRIVER_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"DRIVER_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None
