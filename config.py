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
    """Settings shared by every environment, read from the environment when instantiated."""

    ENV_NAME = "base"

    def __init__(self) -> None:
        env = os.environ
        self.SECRET_KEY = env.get("SECRET_KEY")
        # None means: a SQLite file in the instance folder (set by create_app).
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL")
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.SQLITE_BUSY_TIMEOUT_MS = int(env.get("SQLITE_BUSY_TIMEOUT_MS", "15000"))

        self.WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"

        self.MAIL_FROM = env.get("MAIL_FROM", "Smart City Driver <no-reply@we-gov.org>")
        self.PUBLIC_BASE_URL = env.get("PUBLIC_BASE_URL", "http://localhost:5000")

        # E-mail delivery (flask outbox deliver).
        self.SMTP_HOST = env.get("SMTP_HOST", "localhost")
        self.SMTP_PORT = int(env.get("SMTP_PORT", "25"))
        self.SMTP_USE_TLS = _env_bool("SMTP_USE_TLS", False)  # TLS from the start (port 465)
        self.SMTP_STARTTLS = _env_bool("SMTP_STARTTLS", False)  # upgrade (port 587)
        self.SMTP_USERNAME = env.get("SMTP_USERNAME")
        self.SMTP_PASSWORD = env.get("SMTP_PASSWORD")
        self.SMTP_TIMEOUT = _env_float("SMTP_TIMEOUT", 30.0)
        self.OUTBOX_MAX_ATTEMPTS = int(env.get("OUTBOX_MAX_ATTEMPTS", "8"))
        self.OUTBOX_BACKOFF_SECONDS = _env_float("OUTBOX_BACKOFF_SECONDS", 60.0)
        self.OUTBOX_MAX_BACKOFF_SECONDS = _env_float("OUTBOX_MAX_BACKOFF_SECONDS", 6 * 3600.0)
        self.OUTBOX_LEASE_SECONDS = _env_float("OUTBOX_LEASE_SECONDS", 300.0)
        # Reminders: days an item may wait before its one reminder; per rule with
        # REMINDER_DAYS_<RULE> (e.g. REMINDER_DAYS_OFFER_UNANSWERED=5).
        self.REMINDER_DAYS = int(env.get("REMINDER_DAYS", "7"))
        self.REMINDER_DAYS_BY_RULE = {
            key.removeprefix("REMINDER_DAYS_").lower(): int(value)
            for key, value in env.items()
            if key.startswith("REMINDER_DAYS_") and value.strip().isdigit()
        }

        self.QUEUE_PAGE_SIZE = int(env.get("QUEUE_PAGE_SIZE", "25"))
        self.API_MAX_PAGE_SIZE = int(env.get("API_MAX_PAGE_SIZE", "100"))
        self.API_TOKEN_TTL_HOURS = int(env.get("API_TOKEN_TTL_HOURS", "24"))

        # Rate limits (Flask-Limiter): sign-in, the two-factor step and the token request,
        # per address and per account; only failed attempts count. Limit strings are the
        # `limits` library's ("10 per minute; 50 per hour").
        self.RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_HEADERS_ENABLED = True
        self.RATELIMIT_KEY_PREFIX = env.get("RATELIMIT_KEY_PREFIX", "driver")
        self.LOGIN_LIMIT_PER_ADDRESS = env.get(
            "LOGIN_LIMIT_PER_ADDRESS", "30 per minute; 200 per hour"
        )
        self.LOGIN_LIMIT_PER_ACCOUNT = env.get(
            "LOGIN_LIMIT_PER_ACCOUNT", "5 per minute; 20 per hour"
        )

        # Matchmaking weights (DESIGN §6); they add up to 1.
        self.MATCH_WEIGHTS = {
            "areas": _env_float("MATCH_WEIGHT_AREAS", 0.35),
            "stage": _env_float("MATCH_WEIGHT_STAGE", 0.15),
            "geography": _env_float("MATCH_WEIGHT_GEOGRAPHY", 0.15),
            "budget": _env_float("MATCH_WEIGHT_BUDGET", 0.15),
            "language": _env_float("MATCH_WEIGHT_LANGUAGE", 0.10),
            "track_record": _env_float("MATCH_WEIGHT_TRACK_RECORD", 0.10),
        }

        # Uploads (Project Implementer): stored under generated names in UPLOAD_FOLDER
        # (default: "uploads" in the instance folder); a whole request and each file are
        # limited in size.
        self.UPLOAD_FOLDER = env.get("UPLOAD_FOLDER")
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", str(32 * 1024 * 1024)))
        self.UPLOAD_MAX_FILE_BYTES = int(env.get("UPLOAD_MAX_FILE_BYTES", str(10 * 1024 * 1024)))

        # flask-smorest / OpenAPI
        self.API_TITLE = "Smart City Driver API"
        self.API_VERSION = "v1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api/v1"
        self.OPENAPI_JSON_PATH = "openapi.json"


class DevelopmentConfig(Config):
    """Local work on the embedded database."""

    ENV_NAME = "development"

    def __init__(self) -> None:
        super().__init__()
        self.DEBUG = _env_bool("FLASK_DEBUG", False)


class TestingConfig(Config):
    """The test suite: SQLite in a temporary folder unless DATABASE_URL says otherwise."""

    ENV_NAME = "testing"

    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True
        self.SECRET_KEY = "test-secret-key"  # noqa: S105 - a fixed key for tests only


class ProductionConfig(Config):
    """Behind a load balancer on PostgreSQL: secrets must come from the environment."""

    ENV_NAME = "production"

    def __init__(self) -> None:
        super().__init__()
        self.DEBUG = False
        # __Host- cookies: Secure, path "/", no Domain (the browser enforces all three).
        self.SESSION_COOKIE_NAME = "__Host-session"
        self.SESSION_COOKIE_SECURE = True
        self.SESSION_COOKIE_PATH = "/"
        self.SESSION_COOKIE_DOMAIN = None
        self.REMEMBER_COOKIE_NAME = "__Host-remember"
        self.REMEMBER_COOKIE_SECURE = True
        self.REMEMBER_COOKIE_PATH = "/"
        self.REMEMBER_COOKIE_DOMAIN = None
        self.PREFERRED_URL_SCHEME = "https"
        redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", redis_url)


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_environment() -> Config:
    """The configuration named by DRIVER_ENV (default: development), read from the environment."""
    name = os.environ.get("DRIVER_ENV", "development")
    try:
        return CONFIGS[name]()
    except KeyError:
        raise RuntimeError(f"DRIVER_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None
