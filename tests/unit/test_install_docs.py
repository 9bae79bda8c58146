"""The README's install and test commands are the ones CI runs (`.ci/run`)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = "python3 -m venv .venv"
DEV_PINS = "python -m pip install --require-hashes -r requirements/dev.txt"
DEV_PROJECT = "python -m pip install --no-deps -e ."
RUNTIME_PINS = "python -m pip install --require-hashes -r requirements/runtime.txt"
RUNTIME_PROJECT = "python -m pip install --no-deps ."
UNPINNED_DEV = 'python -m pip install -e ".[dev]"'
TEST = "python -m pytest"


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _install_section() -> str:
    return _readme().split("## Install, run, test", 1)[1].split("\n## ", 1)[0]


def _command_lines(text: str) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in text.splitlines()]


def test_readme_creates_a_virtual_environment_before_installing() -> None:
    section = _install_section()
    assert f"{VENV} && . .venv/bin/activate" in section
    assert section.index(VENV) < section.index(DEV_PINS)


def test_readme_installs_the_pins_then_the_bot() -> None:
    lines = _command_lines(_install_section())
    assert lines.index(DEV_PINS) < lines.index(DEV_PROJECT)
    assert lines.index(RUNTIME_PINS) < lines.index(RUNTIME_PROJECT)


def test_readme_keeps_the_unpinned_install() -> None:
    assert f"`{UNPINNED_DEV}`" in _install_section()


def test_ci_installs_and_tests_as_the_readme_says() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    section = _install_section()
    ci_lines = _command_lines(ci)
    for command in (VENV, DEV_PINS, DEV_PROJECT, TEST):
        assert command in section
        assert command in ci
    assert ci.index(VENV) < ci.index(DEV_PINS) < ci.index(DEV_PROJECT) < ci.index(TEST)
    assert DEV_PINS in ci_lines
    assert DEV_PROJECT in ci_lines


def test_the_docker_image_installs_the_runtime_pins() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements/runtime.txt" in dockerfile
