"""The optional private baseline self-check: scored on the trainee's machine, kept as a history."""

from selfkind.stores.paths import exercises_dir
from selfkind.ui import BaselineSelfCheck
from widget_tree import unlabelled, visible_text

ANSWERS = {1: 4, 2: 2, 3: 3, 4: 5, 5: 2, 6: 1, 7: 3, 8: 4, 9: 5, 10: 3, 11: 4, 12: 5}


def fill(check, answers=ANSWERS):
    for item, value in answers.items():
        check.items[item].value = value


def test_incomplete_responses_say_which_items_are_missing():
    check = BaselineSelfCheck()
    fill(check, {i: 3 for i in range(1, 11)})
    check.score_button.click()
    assert "Not scored yet: no response yet for items 11, 12" in visible_text(check)


def test_scores_are_shown_and_nothing_is_saved_until_asked():
    check = BaselineSelfCheck()
    fill(check)
    check.score_button.click()
    text = visible_text(check)
    assert "Self-kindness 2 and 6 1.5" in text and "Self-judgment (lower is more self-compassionate) 11 and 12 4.5" in text
    assert "Total (negative subscales reversed) 1–12 1.92" in text
    assert not exercises_dir().exists()  # private until the trainee saves


def test_saved_checks_accumulate_as_a_private_history():
    first = BaselineSelfCheck()
    fill(first)
    first.save_button.click()
    assert "Saved privately on this computer" in visible_text(first)
    second = BaselineSelfCheck()
    assert "Your saved checks" in visible_text(second) and "total 1.92" in visible_text(second)
    fill(second, {i: 3 for i in range(1, 13)})
    second.save_button.click()
    assert visible_text(BaselineSelfCheck()).count("total ") == 2  # the earlier check was kept


def test_every_control_is_labelled_and_the_items_are_not_reproduced():
    check = BaselineSelfCheck()
    assert unlabelled(check) == []
    assert "does not reproduce the items" in visible_text(check)
