from erp_desktop.config import (
    SavedConnection,
    Settings,
    describe_url,
    load_settings,
    normalise_url,
    resolve_database_url,
    save_settings,
)


def test_cli_url_beats_environment_beats_saved_beats_embedded(monkeypatch, tmp_path):
    saved = Settings().with_connection(SavedConnection("db.plant", 5432, "erp", "clerk"))
    monkeypatch.setenv("ERP_DATABASE_URL", "postgresql://env@h/e")
    assert resolve_database_url("sqlite:///x.db", saved) == "sqlite:///x.db"
    assert resolve_database_url(None, saved) == "postgresql+psycopg://env@h/e"
    monkeypatch.delenv("ERP_DATABASE_URL")
    assert resolve_database_url(None, saved, password="p w").startswith("postgresql+psycopg://clerk:p%20w@db.plant:5432/erp")
    assert resolve_database_url(None, Settings()).startswith("sqlite:///")
    assert resolve_database_url(None, Settings()).endswith("erp.db")


def test_settings_round_trip_without_password(tmp_path):
    path = tmp_path / "settings.ini"
    settings = Settings().with_connection(SavedConnection("srv", 5433, "erp", "u"))
    save_settings(settings, path)
    assert load_settings(path) == settings
    connection_section = path.read_text().split("[connection]")[1]
    assert "password" not in connection_section


def test_urls():
    assert normalise_url("postgres://a@b/c") == "postgresql+psycopg://a@b/c"
    assert describe_url("postgresql+psycopg://u:secret@h:5432/erp") == "PostgreSQL u@h:5432/erp"


def test_demo_sign_in_hint_matches_the_demo_plant():
    """The sign-in window shows config.DEMO_SIGN_IN_HINT (no services import before it is up): same accounts."""
    from erp_desktop.config import DEMO_SIGN_IN_HINT
    from erp_desktop.demo import plant as demo

    passwords = {username: password for username, password, *_ in demo.DEMO_USERS}
    for account in DEMO_SIGN_IN_HINT.split(", "):
        username, password = account.split(" ", 3)[0::2]
        assert passwords[username] == password
