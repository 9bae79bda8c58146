"""Map pictures: milliseconds per image, the cache's hit rate on a walk, the process's RSS.

A learner walks the roadmap marking one resource done at a time and asks for their map
after each mark, then asks again (unchanged); both languages. Run:
``python -m benchmarks.map_pictures``.
"""

from __future__ import annotations

import asyncio
import os
import time

from benchmarks.process import status_kib
from bot.i18n import Translator
from bot.map.draw import render
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.services import path
from bot.services.maps import MapPictures
from bot.services.path import LearnerState, Material, Status
from bot.services.snapshot import Snapshot
from bot.services.tally import progress
from bot.views.map import map_picture


async def walk(locale: str, maps: MapPictures, timings: list[float]) -> int:
    roadmap, t = load_roadmap(default_roadmap_path()), Translator().locale(locale)
    state = LearnerState(material=Material.BOTH, framework="django")
    asks = 0
    for resource in [None, *roadmap.resources()]:
        if resource is not None:
            state = LearnerState(
                material=state.material,
                framework=state.framework,
                statuses={**state.statuses, resource.id: Status.DONE},
            )
        snap = Snapshot(
            roadmap,
            1,
            "Ana",
            locale,
            True,
            state,
            path.next_item(roadmap, state),
            progress(roadmap, state),
        )
        for _ in range(2):  # asks, then asks again unchanged
            before = maps.renders
            started = time.perf_counter()
            await maps.image(map_picture(t, snap))
            if maps.renders > before:
                timings.append(time.perf_counter() - started)
            asks += 1
    return asks


async def main() -> None:
    maps, timings = MapPictures(render), []
    rss_before = status_kib(os.getpid())
    asks = sum([await walk(locale, maps, timings) for locale in ("en", "fa")])
    timings.sort()
    print(f"asks {asks}, renders {maps.renders}, hits {maps.hits} ({100 * maps.hits / asks:.1f}%)")
    print(
        f"ms per image: median {1000 * timings[len(timings) // 2]:.1f}, "
        f"p95 {1000 * timings[int(len(timings) * 0.95)]:.1f}, max {1000 * timings[-1]:.1f}"
    )
    print(
        f"RSS before {rss_before / 1024:.1f} MiB, after {status_kib(os.getpid()) / 1024:.1f} MiB,"
        f" peak {status_kib(os.getpid(), 'VmHWM') / 1024:.1f} MiB"
    )


if __name__ == "__main__":
    asyncio.run(main())
