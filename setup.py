"""Ships the top-level migrations/ and resources/ folders inside the package.

They live at the repository top (where Alembic and designers expect them) but the
installed app and the PyInstaller bundle find them as erp_desktop._migrations and
erp_desktop._resources.
"""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["erp_desktop", "erp_desktop.*"])
    + ["erp_desktop._migrations", "erp_desktop._migrations.versions", "erp_desktop._resources"],
    package_dir={
        "erp_desktop._migrations": "migrations",
        "erp_desktop._migrations.versions": "migrations/versions",
        "erp_desktop._resources": "resources",
    },
)
