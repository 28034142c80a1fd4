"""Chooses the FAQ matcher's thresholds on the CALIBRATION half of the blind sets
(content/examples/*_calibration.yaml, with the development batches) by a grid search through the real conversation; the
held-out half is never read here. Prints the best settings per script (latin, ja); with
--write, stores them in content/faq_matcher.yaml.

The score of a setting: right answers minus four times the wrong ones (an answer to the wrong
question, or an off-topic message answered), over every calibration item of that script; among
the settings within one point of the best, the most careful.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from understanding_eval import (  # noqa: E402
    ASKED_AT,
    FixedClock,
    Programme,
    classify,
    load_items,
    understood_by,
)

from bot.app import build_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.faq.files import read_thresholds, write_thresholds  # noqa: E402
from handlers.faq.matcher import Thresholds  # noqa: E402

SCRIPTS = {"latin": ("fr", "en"), "ja": ("ja",)}
GRID = {
    "answer": (0.4, 0.45, 0.5, 0.55, 0.6, 0.7),
    "gap": (0.0, 0.05, 0.1),
    "clarify_window": (0.05, 0.1, 0.25),
}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="store the best thresholds")
    args = parser.parse_args()
    items = load_items(["calibration", "development", "development2"], ["fr", "ja", "en"])
    programme = Programme.read()
    path = ROOT / "content" / "faq_matcher.yaml"
    current = read_thresholds(path)
    best: dict[str, Thresholds] = {}
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{Path(folder) / 'cal.db'}")
        app = await build_app(settings, clock=FixedClock(ASKED_AT))
        try:
            async with app.sessionmaker() as db:
                matcher = await app.deps.faq.matcher(db)
            for script, langs in SCRIPTS.items():
                mine = [i for i in items if i.lang in langs]
                scored = []
                for answer, gap, window in itertools.product(*GRID.values()):
                    chosen = replace(
                        current[script],
                        answer=answer,
                        confident=max(answer, current[script].confident),
                        gap=gap,
                        clarify_window=window,
                    )
                    matcher.thresholds = {**matcher.thresholds, script: chosen}
                    right = wrong = 0
                    for n, item in enumerate(mine):
                        user = f"cal-{script}-{answer}-{gap}-{window}-{n}"
                        verdict = classify(item, await understood_by(app, item, user), programme)
                        right += verdict == "right"
                        wrong += verdict in ("wrong", "off-topic-answered")
                    scored.append((right - 4 * wrong, right, wrong, chosen))
                    print(
                        f"{script} answer={answer} gap={gap} window={window}: right {right}, wrong {wrong}"
                    )
                # Within one point of the best score the calibration half cannot tell settings
                # apart: the most careful one wins (highest answer threshold and gap, then the
                # narrowest "did you mean").
                top = max(s[0] for s in scored)
                near = [s for s in scored if s[0] >= top - 1]
                near.sort(key=lambda s: (-s[3].answer, -s[3].gap, s[3].clarify_window))
                scored = near
                best[script] = scored[0][3]
                print(
                    f"best {script}: {best[script]} (right {scored[0][1]}, wrong {scored[0][2]} of {len(mine)})"
                )
        finally:
            await app.close()
    if args.write:
        header = (path.read_text(encoding="utf-8").split("thresholds:")[0]).rstrip() + "\n"
        write_thresholds(path, best, header)
        print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
