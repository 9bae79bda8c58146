"""``python -m bot chat``: a terminal conversation with the real bot on the fake Telegram."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _command() -> list[str]:
    """``-m bot chat`` once ``python -m bot`` knows the subcommand, else the module itself."""
    wired = "bot.cli.chat" in (ROOT / "bot" / "__main__.py").read_text(encoding="utf-8")
    return ["-m", "bot", "chat"] if wired else ["-m", "bot.cli.chat"]


async def chat(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, str, str]:
    """Type ``lines`` (then end of input) into the chat; return exit code, stdout, stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONIOENCODING", None)  # the chat must choose UTF-8 itself
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *_command(),
        *args,
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    typed = "".join(f"{line}\n" for line in lines).encode("utf-8")
    out, err = await asyncio.wait_for(proc.communicate(typed), 120)  # only a bound for a hang
    assert proc.returncode is not None
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8")


async def test_start_press_buttons_by_number_then_next_then_quit(tmp_path: Path) -> None:
    code, out, err = await chat(tmp_path, ["/start", "1", "1", "/next", "/quit", "/help"])
    assert code == 0, err
    assert "Traceback" not in err and "ERROR" not in err  # logs are quiet (WARNING and up)
    welcome, material, start, study = out.split("you> ")[1:]
    assert "bot #2:" in welcome and "Which material do you want?" in welcome
    assert "[1] 🇬🇧 English" in welcome and "[3] 🌐 Both" in welcome
    assert "bot #2 (edited):" in material and "Where do you want to start?" in material
    assert "[1] 🌱 From the beginning" in material
    assert "bot #2 (edited):" in start
    assert "📍 Step 0: Prerequisites · Algorithms & Data Structures" in study
    assert "📘 Grokking Algorithms" in study
    assert "[1] 📖 Open <https://www.amazon.com/Grokking-Algorithms" in study
    assert "[2] ✅ Done   [3] ⏳ Started   [4] ⏭ Skip" in study
    assert "/help" not in out  # nothing is read after /quit


async def test_persian_is_printed_as_utf8_and_end_of_input_exits(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'kept.sqlite3'}"
    code, out, err = await chat(
        tmp_path, ["/start", "3"], "--language", "fa", "--database", database
    )
    assert code == 0, err
    assert "سلام سارا!" in out and "نقشه راه مهندس بک‌اند پایتون" in out
    assert "(edited)" in out  # "3" pressed "both" on the welcome
    assert (tmp_path / "kept.sqlite3").exists()


async def test_a_picture_is_named_with_its_size_and_saved_where_it_can_be_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    code, out, err = await chat(tmp_path, ["/start", "1", "/progress", "3"])
    assert code == 0, err
    picture = out.split("you> ")[-1]
    assert "[a picture, 1080×" in picture and "🗺 On your path: 0 done" in picture
    [saved] = temporary.glob("roadmap-bot-chat-*.png")
    assert saved.read_bytes().startswith(b"\x89PNG")
