"""How the bot understands messages its classifier never learnt from, measured without the
held-out half: each batch of content/examples/ is left out of the classifier's training in turn
and sent through the whole conversation, judged as bench/understanding_eval.py judges it.

    python bench/leave_one_batch_out.py                   # the margins in use, and a few others
    python bench/leave_one_batch_out.py --margins 0.6 --by-batch
    python bench/leave_one_batch_out.py --margins 0.5 --fairly 0.2,0.3,0.4

This is where a setting of the classifier (its margins, its features, its examples) is chosen:
the figures of a batch it learnt from say little, and the held-out half is only measured. The
line "rules alone" is the chain without the classifier, on the same messages.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from understanding_eval import (  # noqa: E402
    ASK_BACK,
    ASKED_AT,
    EXAMPLES,
    FALLBACK,
    LANGS,
    OFF_TOPIC_ANSWERED,
    RIGHT,
    WRONG,
    FixedClock,
    Item,
    Programme,
    check_items,
    classify,
    load_items,
    understood_by,
)

from bot.app import build_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.classifier import understand  # noqa: E402
from handlers.classifier.examples import read_examples  # noqa: E402
from handlers.classifier.model import Example  # noqa: E402

RULES_ALONE = (math.inf, math.inf, math.inf)
VERDICTS = (RIGHT, ASK_BACK, WRONG, FALLBACK, OFF_TOPIC_ANSWERED)


def batches() -> list[str]:
    """The example batches (calibration, development, …), from the files' names."""
    return sorted({p.stem.partition("_")[2] for p in EXAMPLES.glob("*.yaml")})


def examples_without(batch: str) -> list[Example]:
    return [
        example
        for path in sorted(EXAMPLES.glob("*.yaml"))
        if path.stem.partition("_")[2] != batch
        for example in read_examples(path)
    ]


NAMES = ("SURE", "OFF_TOPIC_WITH_A_DAY", "FAIRLY_SURE")


@contextmanager
def margins(*values: float) -> Iterator[None]:
    kept = [getattr(understand, name) for name in NAMES]
    for name, value in zip(NAMES, values, strict=True):
        setattr(understand, name, value)
    try:
        yield
    finally:
        for name, value in zip(NAMES, kept, strict=True):
            setattr(understand, name, value)


Key = tuple[float, float, float]
Verdicts = dict[Key, list[tuple[Item, str]]]


async def run_batch(
    batch: str, langs: Sequence[str], settings: Sequence[Key], programme: Programme
) -> Verdicts:
    items = load_items([batch], langs)
    check_items(items, programme)
    verdicts: Verdicts = {key: [] for key in settings}
    with tempfile.TemporaryDirectory(prefix="leave-one-out-") as folder:
        app = await build_app(
            Settings(database_url=f"sqlite+aiosqlite:///{Path(folder) / 'lobo.db'}"),
            clock=FixedClock(ASKED_AT),
            examples=examples_without(batch),
        )
        try:
            for key in settings:
                with margins(*key):
                    for n, item in enumerate(items):
                        understood = await understood_by(app, item, f"lobo-{key}-{n}")
                        verdicts[key].append((item, classify(item, understood, programme)))
        finally:
            await app.close()
    return verdicts


def line(label: str, results: Sequence[tuple[Item, str]]) -> str:
    on_topic = Counter(v for item, v in results if item.kind != "offtopic")
    off_topic = Counter(v for item, v in results if item.kind == "offtopic")
    n, m = sum(on_topic.values()), sum(off_topic.values())

    def share(count: int, of: int) -> str:
        return f"{count:4d} ({100 * count / of:4.1f} %)" if of else "   -"

    return (
        f"{label:<22} n={n:4d}  right {share(on_topic[RIGHT], n)}  "
        f"ask-back {share(on_topic[ASK_BACK], n)}  wrong {share(on_topic[WRONG], n)}  "
        f"fallback {share(on_topic[FALLBACK], n)}  "
        f"off-topic answered {share(off_topic[OFF_TOPIC_ANSWERED], m)}"
    )


def name(key: Key) -> str:
    if key == RULES_ALONE:
        return "rules alone"
    return f"sure {key[0]:g}, day {key[1]:g}, fairly {key[2]:g}"


async def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--margins",
        default="",
        help="SURE values to try, comma-separated (default: the one in use and ±0.1, ±0.2)",
    )
    parser.add_argument(
        "--fairly",
        default="",
        help="FAIRLY_SURE values to try with each SURE, comma-separated (default: the one in use)",
    )
    parser.add_argument("--lang", default=",".join(LANGS))
    parser.add_argument("--by-batch", action="store_true", help="a line per batch as well")
    args = parser.parse_args(argv)
    langs = [lang for lang in args.lang.split(",") if lang in LANGS]
    sure, day, fairly = understand.SURE, understand.OFF_TOPIC_WITH_A_DAY, understand.FAIRLY_SURE
    tried = (
        [float(v) for v in args.margins.split(",")]
        if args.margins
        else [round(sure + d, 2) for d in (-0.2, -0.1, 0.0, 0.1, 0.2)]
    )
    fairlies = [float(v) for v in args.fairly.split(",")] if args.fairly else [fairly]
    settings: list[Key] = [
        RULES_ALONE,
        *((m, day, f) for m in tried for f in fairlies),
    ]
    programme = Programme.read()
    everything: Verdicts = {key: [] for key in settings}
    for batch in batches():
        verdicts = await run_batch(batch, langs, settings, programme)
        for key, results in verdicts.items():
            everything[key].extend(results)
        if args.by_batch:
            print(f"\n## {batch} (left out)")
            for key in settings:
                print(line(name(key), verdicts[key]))
    for lang in langs:
        print(f"\n## {lang}: every batch, each left out of the training in turn")
        for key in settings:
            print(line(name(key), [(i, v) for i, v in everything[key] if i.lang == lang]))
    print("\n## all languages")
    for key in settings:
        print(line(name(key), everything[key]))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
