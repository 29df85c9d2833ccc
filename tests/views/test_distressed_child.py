"""DistressedChild: rate the child, rate yourself, see the two side by side."""

import json

from widget_tree import unlabelled, visible_text

from selfkind.stores.paths import exercises_dir
from selfkind.ui import DistressedChild

CHILD = {"kindness": 9, "humanity": 8, "mindfulness": 7}
SELF = {"kindness": 2, "humanity": 7, "mindfulness": 7}


def rate(exercise):
    for key, value in CHILD.items():
        exercise.child[key].number.value = value
    for key, value in SELF.items():
        exercise.yourself[key].number.value = value


def test_says_it_is_private_and_not_a_measure():
    text = visible_text(DistressedChild())
    assert "not a validated measure" in text
    assert "saved on this computer only" in text
    assert text.index("the child") < text.index("Part 2: your own distress")  # the child comes first


def test_the_gap_shows_both_numbers_for_each_component():
    exercise = DistressedChild()
    rate(exercise)
    exercise.show_button.click()
    text = visible_text(exercise)
    for heading in ("Self-kindness or self-judgment", "Common humanity or isolation",
                    "Mindfulness or over-identification"):
        assert heading in text
    gap = exercise.gap_html.value
    kindness = gap[gap.index("Self-kindness"):gap.index("Common humanity")]
    assert "Toward the child:" in kindness and "9 of 10" in kindness and "2 of 10" in kindness
    assert "7 points above your own" in kindness and "very common" in kindness
    mindfulness = gap[gap.index("Mindfulness"):]
    assert mindfulness.count("7 of 10") == 2 and "the same here" in mindfulness


def test_answers_are_saved_and_come_back_when_rebuilt(trainee_home):
    exercise = DistressedChild()
    rate(exercise)
    exercise.to_child.value = "You're safe, I'm here."
    exercise.to_self.value = "Get it together."
    exercise.show_button.click()
    path = exercises_dir() / "distressed-child.json"
    assert path.is_relative_to(trainee_home)
    assert f"Saved privately on this computer at {path}" in visible_text(exercise)
    assert json.loads(path.read_text())["answers"]["child"] == CHILD

    again = DistressedChild()
    assert {k: r.value for k, r in again.child.items()} == CHILD
    assert {k: r.value for k, r in again.yourself.items()} == SELF
    assert again.to_self.value == "Get it together."
    assert "9 of 10" in again.gap_html.value


def test_ratings_stay_between_0_and_10():
    rating = DistressedChild().child["humanity"]
    rating.value = 14
    assert rating.number.value == 10
    rating.number.value = 3
    assert rating.value == 3


def test_a_damaged_answers_file_is_kept_aside():
    path = exercises_dir() / "distressed-child.json"
    path.parent.mkdir(parents=True)
    path.write_text("{nope")
    exercise = DistressedChild()
    [kept] = exercises_dir().glob("distressed-child.kept-damaged-*.json")
    assert kept.read_text() == "{nope"
    assert "could not be read" in visible_text(exercise)


def test_every_box_and_button_has_a_name():
    exercise = DistressedChild()
    assert unlabelled(exercise) == []
    names = [r.number.description for r in (*exercise.child.values(), *exercise.yourself.values())]
    assert len(set(names)) == 6  # each rating says which side and which component it is
