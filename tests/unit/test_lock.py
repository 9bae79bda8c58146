"""`scripts/lock --check`: uv.lock and requirements/ match pyproject.toml (no network needed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    # uv comes with the dev extra, beside this interpreter.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(
        ["bash", str(root / "scripts" / "lock"), "--check"],
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    return tmp_path


def test_the_pins_match_pyproject() -> None:
    result = _check(ROOT)
    assert result.returncode == 0, result.stderr


def test_a_hand_edited_pin_fails_the_check_saying_what_to_run(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    assert _check(root).returncode == 0
    runtime = root / "requirements" / "runtime.txt"
    text = runtime.read_text(encoding="utf-8")
    assert "\nsniffio==" in text
    runtime.write_text(text.replace("\nsniffio==", "\nsniffio==0.0.1\n# ", 1), encoding="utf-8")
    result = _check(root)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "uv.lock or requirements/ do not match pyproject.toml: "
        "run scripts/lock and commit what it changes"
    ]
