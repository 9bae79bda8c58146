"""The roadmap the bot serves right now; ``/reload`` swaps it atomically."""

from __future__ import annotations

from pathlib import Path

from bot.roadmap.loader import load_roadmap
from bot.roadmap.models import Roadmap


class RoadmapHolder:
    def __init__(self, roadmap: Roadmap, path: Path | None = None) -> None:
        self.current = roadmap
        self.path = path

    def reload(self) -> Roadmap:
        """Re-read the file; on error the old roadmap stays and ``RoadmapError`` propagates."""
        if self.path is None:
            raise RuntimeError("this roadmap was not loaded from a file")
        self.current = load_roadmap(self.path)
        return self.current
