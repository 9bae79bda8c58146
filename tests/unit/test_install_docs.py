"""The README's install and test commands are the ones CI runs (`.ci/run`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = "python3 -m venv .venv"
DEV_INSTALL = 'python -m pip install -e ".[dev]"'
RUNTIME_INSTALL = "python -m pip install ."
TEST = "python -m pytest"


def _install_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Install, run, test", 1)[1].split("\n## ", 1)[0]


def test_readme_creates_a_virtual_environment_before_installing() -> None:
    section = _install_section()
    assert f"{VENV} && . .venv/bin/activate" in section
    assert section.index(VENV) < section.index(DEV_INSTALL)


def test_readme_has_a_runtime_only_install_beside_the_dev_one() -> None:
    lines = [line.split("#", 1)[0].strip() for line in _install_section().splitlines()]
    assert DEV_INSTALL in lines
    assert RUNTIME_INSTALL in lines


def test_ci_installs_and_tests_as_the_readme_says() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    section = _install_section()
    for command in (VENV, DEV_INSTALL, TEST):
        assert command in section
        assert command in ci
    assert ci.index(VENV) < ci.index(DEV_INSTALL) < ci.index(TEST)
