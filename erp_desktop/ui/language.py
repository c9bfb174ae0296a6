"""The user's language: English or Russian, chosen per user in the app (File > Language) and stored on this
computer by user name (language.ini in the user data folder; nothing in the database).

Before anyone signs in the app speaks the language of whoever signed in last here, else the system's.
Signing in switches to the user's own language before the main window opens; a change in the menu takes
effect at the next sign-in. Russian loads Qt's own qtbase_ru (standard buttons, file and print dialogs)
with the app's erp_desktop_ru.qm, and makes QLocale's default Russian (numbers 12 345,50, dates dd.MM.yyyy:
printing/values.py reads it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from erp_desktop.config import data_dir
from erp_desktop.paths import resources_dir

ENGLISH = "en"
RUSSIAN = "ru"
# each language named in itself, so it can be found whatever language the app speaks now
LANGUAGES = {ENGLISH: "English", RUSSIAN: "Русский"}

_installed: list[QTranslator] = []


def _settings() -> QSettings:
    return QSettings(str(data_dir() / "language.ini"), QSettings.Format.IniFormat)


def _key(username: str) -> str:
    return "users/" + username.strip().casefold().encode("utf-8").hex()  # any script, no ini-special characters


def system_language() -> str:
    return RUSSIAN if QLocale.system().language() == QLocale.Language.Russian else ENGLISH


def user_language(username: str) -> str:
    value = _settings().value(_key(username)) if username else None
    return value if value in LANGUAGES else system_language()


def startup_language() -> str:
    value = _settings().value("last")
    return value if value in LANGUAGES else system_language()


def signed_in_language(username: str) -> str:
    """The language of a user who just signed in, remembered as the sign-in window's language here."""
    code = user_language(username)
    settings = _settings()
    settings.setValue("last", code)
    settings.sync()
    return code


def remember_language(username: str, code: str) -> None:
    """Stores the user's choice (and makes it the sign-in window's language on this computer)."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    settings = _settings()
    settings.setValue(_key(username), code)
    settings.setValue("last", code)
    settings.sync()


def current_language() -> str:
    return RUSSIAN if QLocale().language() == QLocale.Language.Russian else ENGLISH


def apply_language(code: str) -> bool:
    """Installs the translators of ``code`` (removing the previous ones) and sets QLocale's default.
    Widgets made afterwards speak it; returns False when the compiled translation was not found."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if code != RUSSIAN:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    locale = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    QLocale.setDefault(locale)
    found = True
    for name, folder in (("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("erp_desktop", str(resources_dir() / "translations"))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            found = found and name != "erp_desktop"
    return found
