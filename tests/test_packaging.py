"""Packaging: the lock pins every dependency pyproject names, the licence ships, and
`./run`'s app install needs none of the development tools."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def _pinned(lock: str) -> dict[str, str]:
    text = (PROJECT / "requirements" / lock).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for line in text.splitlines():
        if match := re.match(r"([A-Za-z0-9._-]+)==([^\s;]+)", line):
            pins[_name(match.group(1))] = match.group(2)
    return pins


def _applies(requirement: str) -> bool:
    """False for a requirement whose marker excludes every Python this project runs on."""
    return "python_version < '3.11'" not in requirement


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("app.lock", PYPROJECT["project"]["dependencies"]),
        (
            "dev.lock",
            PYPROJECT["project"]["dependencies"]
            + PYPROJECT["project"]["optional-dependencies"]["dev"],
        ),
    ],
)
def test_the_lock_pins_every_dependency(lock: str, requirements: list[str]) -> None:
    pins = _pinned(lock)
    missing = [r for r in requirements if _applies(r) and _name(r) not in pins]
    assert not missing, f"run scripts/lock: requirements/{lock} does not pin {missing}"


def test_the_app_lock_holds_no_development_tool() -> None:
    app = _pinned("app.lock")
    for tool in ("pytest", "mypy", "ruff", "hypothesis"):
        assert tool not in app


def test_the_licence_ships_with_the_distribution() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (PROJECT / "LICENSE").read_text(encoding="utf-8")
    # The SPDX string form of `license` needs setuptools 77 or newer.
    assert any(r.startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])


def test_the_distribution_name_is_not_the_feed_library_s() -> None:
    assert PYPROJECT["project"]["name"] == "research-reader"
    assert PYPROJECT["project"]["scripts"] == {"reader": "reader.cli:main"}


def test_the_bundled_texts_stay_out_of_the_package() -> None:
    """The wheel holds src/reader only: texts/, seeds/ and annotations/ are not package
    data (their rights do not allow redistribution in a wheel)."""
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["packages"]["find"]["where"] == ["src"]
    assert not (PROJECT / "src" / "reader" / "texts").exists()
    for pattern in setuptools["package-data"]["reader"]:
        assert "texts" not in pattern and "seeds" not in pattern
