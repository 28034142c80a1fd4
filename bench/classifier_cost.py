"""What the classifier (handlers/classifier/) costs: its training at start, the memory it keeps,
and the time it adds to a message, beside the same bot without it, in the same process.

    .venv/bin/python bench/classifier_cost.py

The messages are the held-out half's texts (bench/data/blind/*_heldout.yaml), only sent, never
judged here; each is asked by a new delegate, as in bench/understanding_eval.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from understanding_eval import ASKED_AT, LANGS, FixedClock, load_items  # noqa: E402

from bot.app import App, build_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers import features  # noqa: E402
from handlers.classifier import service  # noqa: E402
from handlers.core.messages import Incoming  # noqa: E402


def rss_mb() -> float:
    """Resident memory of this process (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def messages() -> list[tuple[str, str]]:
    return [(item.lang, item.text) for item in load_items(["heldout"], LANGS)]


async def timed(app: App, asked: list[tuple[str, str]], tag: str) -> list[float]:
    times = []
    for number, (lang, text) in enumerate(asked * 3):
        message = Incoming("console", f"{tag}-{number}", ASKED_AT, text=text, language_hint=lang)
        started = time.perf_counter()
        await app.conversation.respond(message)
        times.append((time.perf_counter() - started) * 1000)
    return times


def line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"{name:<22} median {statistics.median(times):5.2f} ms   p99 {p99:5.2f} ms"


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="classifier-cost-") as folder:
        cache = Path(folder) / "cache"  # empty: the first model() trains, as at a first start
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(folder) / 'cost.db'}",
            classifier_cache_dir=str(cache),
        )
        before = rss_mb()
        app = await build_app(settings, clock=FixedClock(ASKED_AT), warm=False)
        async with app.sessionmaker.begin() as db:
            await app.deps.edition(db)  # the FAQ matcher and the edition, without the model
        without_model = rss_mb()
        classifier = app.deps.classifier
        assert classifier is not None
        service._TRAINED.clear()
        started = time.perf_counter()
        async with app.sessionmaker.begin() as db:
            model = await classifier.model(app.deps, db)
        trained_in = time.perf_counter() - started
        gc.collect()
        with_model = rss_mb()
        assert model is not None
        # what a restart or another replica sharing the folder does instead
        service._TRAINED.clear()
        started = time.perf_counter()
        async with app.sessionmaker.begin() as db:
            await service.ClassifierService(classifier.examples, cache).model(app.deps, db)
        read_in = time.perf_counter() - started
        saved_mb = sum(f.stat().st_size for f in cache.glob("*.npz")) / 1e6
        rules_only = dataclasses.replace(
            app, conversation=features.conversation(dataclasses.replace(app.deps, classifier=None))
        )
        asked = messages()
        await timed(app, asked[:50], "warm")
        await timed(rules_only, asked[:50], "warm-rules")
        with_times = await timed(app, asked, "model")
        without_times = await timed(rules_only, asked, "rules")
        await app.close()
    print(f"examples: {len(classifier.examples)}, labels: {len(model.labels)}")
    print(
        f"training at start: {trained_in:.1f} s (in a process of its own, waited for in a thread)"
    )
    print(f"read instead from CLASSIFIER_CACHE_DIR: {read_in:.2f} s ({saved_mb:.0f} MB file)")
    print(
        f"memory: {before:.0f} MB before the app, {without_model:.0f} MB with the FAQ and "
        f"programme, {with_model:.0f} MB with the model (+{with_model - without_model:.0f} MB)"
    )
    print(f"time per message over {len(with_times)} messages (3 passes of the held-out texts):")
    print(line("with the classifier", with_times))
    print(line("rules only (baseline)", without_times))


if __name__ == "__main__":
    asyncio.run(main())
