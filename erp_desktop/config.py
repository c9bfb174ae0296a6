"""Settings: where the database is, shift times, sign-in policy.

Nothing here opens a connection; the composition root (app.py, cli.py) builds the
engine from these values.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path

import platformdirs

APP_NAME = "erp-desktop"
ENV_DATABASE_URL = "ERP_DATABASE_URL"
ENV_DATA_DIR = "ERP_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def embedded_database_path(demo: bool = False) -> Path:
    return data_dir() / ("demo.db" if demo else "erp.db")


# The demo plant's accounts (demo/plant.py creates them), shown on the sign-in window with --demo.
# Kept here so the sign-in window does not import the services (SQLAlchemy, models) to show it;
# tests/unit/test_config.py checks it against the demo users' names and passwords.
DEMO_SIGN_IN_HINT = ("admin / admin123 (administrator), kolchin / kolchin123 (foreman), "
                     "petrov / petrov123 (operator), sidorov / sidorov123 (supply)")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@dataclass(frozen=True)
class ShiftTimes:
    day_starts: time = time(8, 0)
    night_starts: time = time(20, 0)


@dataclass(frozen=True)
class SignInPolicy:
    max_failed_attempts: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 15
    min_password_length: int = 8


@dataclass(frozen=True)
class SavedConnection:
    """A PostgreSQL connection saved from the Connection dialog. The password lives in the keyring."""

    host: str = ""
    port: int = 5432
    database: str = ""
    user: str = ""
    ca_file: str = ""  # the plant's CA certificate (PEM) that signed the server's certificate

    @property
    def is_set(self) -> bool:
        return bool(self.host and self.database and self.user)

    @property
    def is_local(self) -> bool:
        return self.host.lower() in LOCAL_HOSTS

    def same_target(self, other: SavedConnection) -> bool:
        """The saved password belongs to one server, port and user: never sent to another."""
        return (self.host.lower(), self.port, self.user) == (other.host.lower(), other.port, other.user)


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class Settings:
    shifts: ShiftTimes = field(default_factory=ShiftTimes)
    sign_in: SignInPolicy = field(default_factory=SignInPolicy)
    connection: SavedConnection = field(default_factory=SavedConnection)

    def with_connection(self, connection: SavedConnection) -> Settings:
        return replace(self, connection=connection)


def settings_path() -> Path:
    return data_dir() / "settings.ini"


def _parse_time(text: str, default: time) -> time:
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        return default


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    defaults = Settings()
    shifts = ShiftTimes(
        day_starts=_parse_time(parser.get("shifts", "day_starts", fallback=""), defaults.shifts.day_starts),
        night_starts=_parse_time(parser.get("shifts", "night_starts", fallback=""), defaults.shifts.night_starts),
    )
    policy = SignInPolicy(
        max_failed_attempts=parser.getint("sign_in", "max_failed_attempts", fallback=5),
        lockout_minutes=parser.getint("sign_in", "lockout_minutes", fallback=15),
        idle_lock_minutes=parser.getint("sign_in", "idle_lock_minutes", fallback=15),
        min_password_length=parser.getint("sign_in", "min_password_length", fallback=8),
    )
    connection = SavedConnection(
        host=parser.get("connection", "host", fallback=""),
        port=parser.getint("connection", "port", fallback=5432),
        database=parser.get("connection", "database", fallback=""),
        user=parser.get("connection", "user", fallback=""),
        ca_file=parser.get("connection", "ca_file", fallback=""),
    )
    return Settings(shifts=shifts, sign_in=policy, connection=connection)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    parser = configparser.ConfigParser()
    parser["shifts"] = {
        "day_starts": settings.shifts.day_starts.strftime("%H:%M"),
        "night_starts": settings.shifts.night_starts.strftime("%H:%M"),
    }
    parser["sign_in"] = {
        "max_failed_attempts": str(settings.sign_in.max_failed_attempts),
        "lockout_minutes": str(settings.sign_in.lockout_minutes),
        "idle_lock_minutes": str(settings.sign_in.idle_lock_minutes),
        "min_password_length": str(settings.sign_in.min_password_length),
    }
    conn = settings.connection
    parser["connection"] = {"host": conn.host, "port": str(conn.port), "database": conn.database, "user": conn.user,
                            "ca_file": conn.ca_file}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        parser.write(handle)


KEYRING_SERVICE = "erp-desktop"


def keyring_password(connection: SavedConnection) -> str | None:
    """The saved password, or None when there is none or no keyring backend works here."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, f"{connection.user}@{connection.host}:{connection.port}")
    except Exception:  # noqa: BLE001 - no usable keyring backend: ask at sign-in instead
        return None


def store_keyring_password(connection: SavedConnection, password: str) -> bool:
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, f"{connection.user}@{connection.host}:{connection.port}", password)
        return True
    except Exception:  # noqa: BLE001
        return False


def postgres_url(connection: SavedConnection, password: str | None) -> str:
    """The saved connection as a URL. Any server but this computer: TLS with the server's certificate checked
    against the plant's CA and its name (sslmode=verify-full), and only SCRAM authentication (libpq never
    sends the password in clear or as an md5 hash, whatever the server asks for)."""
    from urllib.parse import quote, urlencode

    auth = quote(connection.user, safe="")
    if password:
        auth += ":" + quote(password, safe="")
    url = f"postgresql+psycopg://{auth}@{connection.host}:{connection.port}/{quote(connection.database, safe='')}"
    if connection.is_local:
        return url
    query = {"sslmode": "verify-full", "sslrootcert": connection.ca_file or "system",
             "require_auth": "scram-sha-256"}
    return url + "?" + urlencode(query)


def resolve_database_url(
    cli_url: str | None, settings: Settings, *, demo: bool = False, password: str | None = None
) -> str:
    """--database beats ERP_DATABASE_URL beats the saved connection beats the embedded SQLite file."""
    if cli_url:
        return normalise_url(cli_url)
    env_url = os.environ.get(ENV_DATABASE_URL)
    if env_url:
        return normalise_url(env_url)
    if not demo and settings.connection.is_set:
        return postgres_url(settings.connection, password or keyring_password(settings.connection))
    return sqlite_url(embedded_database_path(demo=demo))


def normalise_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe_url(url: str) -> str:
    """A database target for the status bar, without the password."""
    if url.startswith("sqlite"):
        return "SQLite " + url.split("///", 1)[-1]
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("postgresql+psycopg", "postgresql"))
    return f"PostgreSQL {parts.username or ''}@{parts.hostname}:{parts.port or 5432}{parts.path}"
