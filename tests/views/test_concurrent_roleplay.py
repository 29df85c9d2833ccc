"""Two RolePlay widgets on one transcript, in two processes, choosing at the same instant:
one play is saved, the other page says so and shows the saved play; none is lost silently.
The test counts outcomes over many trials; it asserts nothing about timing."""

import json
import multiprocessing as mp

from conftest import EXAMPLE

from selfkind.ui import RolePlay

TRIALS = 100
ctx = mp.get_context("fork")


def _play(barrier, results, path, caption_start):
    play = RolePlay.from_file(EXAMPLE, transcript=path)  # both pages open the same saved play
    barrier.wait()
    [button] = [b for b in play.choice_buttons if b.description.startswith(caption_start)]
    button.click()
    told = "continued in another window or tab" in play.notice_html.value
    results.put((caption_start, told, [s.choice for s in play.session.play.steps]))


def test_two_pages_choosing_at_once_never_lose_a_play_silently(tmp_path):
    silent_losses = 0
    for n in range(TRIALS):
        path = tmp_path / f"t-{n}.json"
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_play, args=(barrier, results, str(path), start))
                 for start in ("After a shift", "You really need")]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(60)
        saved = [s["choice"] for a in json.loads(path.read_text())["attempts"] for s in a["steps"]]
        for _caption, told, shown in outcomes:
            # Every page either had its choice saved, or says it was not and shows what was.
            if not told and shown != saved:
                silent_losses += 1
            if told and shown != saved:
                silent_losses += 1
        assert len(saved) == 1 and sum(told for _c, told, _s in outcomes) == 1
    assert silent_losses == 0
