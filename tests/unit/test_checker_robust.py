"""Whatever an author's slip does to a scenario, the checker answers with problems, never a crash."""

import copy
import random

import yaml

from selfkind.authoring import check_file

ODD_VALUES = [None, 5, -3, 99, "x", "", [], {}, [1, 2], {"a": 1}, True, 2.5, "trust >=", "end", "opening"]


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, path + (i,))


def test_random_slips_get_messages_not_tracebacks(example_path, tmp_path):
    base = yaml.safe_load(example_path.read_text())
    places = list(_paths(base))[1:]
    rng = random.Random(20261125)
    refused = 0
    for n in range(400):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            *parent_path, last = rng.choice(places)
            try:
                parent = data
                for key in parent_path:
                    parent = parent[key]
                if rng.random() < 0.2 and isinstance(parent, dict):
                    del parent[last]
                else:
                    parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
            except (KeyError, IndexError, TypeError):
                pass
        path = tmp_path / f"slip-{n}.yaml"
        path.write_text(yaml.safe_dump(data))
        problems, scenario = check_file(path)
        for problem in problems:
            assert str(problem).startswith(str(path)) and "; " in str(problem)
        if scenario is None:
            refused += 1
            assert any(p.severity == "error" for p in problems)
    assert refused > 200  # most slips are real errors, and each was reported


def test_checking_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    """check_file pauses Python's cycle collector for speed; it must resume it afterwards,
    after a good file and after a bad one, and never switch it on for a caller that had it off."""
    import gc
    from pathlib import Path

    from selfkind.authoring import check_file

    good = sorted(Path(__file__).resolve().parents[2].glob("modules/*/scenarios/*.yaml"))[0]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    for path in (good, bad):
        assert gc.isenabled()
        check_file(path)
        assert gc.isenabled()
    gc.disable()
    try:
        check_file(good)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_checked_scenario_is_filed_with_the_old_objects(example_path):
    """The objects a check builds with the collector paused go to the oldest generation, so
    the collector's frequent young passes afterwards do not walk every one of them again."""
    import gc

    from selfkind.authoring import check_file

    problems, scenario = check_file(example_path)
    assert scenario is not None, problems
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(scenario) in oldest and id(scenario.nodes) in oldest
    assert all(id(node) in oldest for node in scenario.nodes.values())


def test_checking_leaves_objects_someone_froze_frozen(example_path):
    """A process may freeze objects on purpose (e.g. before forking workers); a check keeps them frozen."""
    import gc

    from selfkind.authoring import check_file

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_file(example_path)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
