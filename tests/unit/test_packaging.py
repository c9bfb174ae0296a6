"""pyproject.toml lists the packages by hand (setuptools' find cannot map migrations/ and resources/ into the
package): a package added under erp_desktop/ and not listed would be missing from the installed app."""

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = set(find_packages(str(ROOT), include=["erp_desktop", "erp_desktop.*"]))
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - found == set(config["package-dir"]), "listed packages that do not exist"
