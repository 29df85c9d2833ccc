import pytest

from selfkind.engine.conditions import ConditionError, holds, names_in, parse_condition


@pytest.mark.parametrize("text, state, expected", [
    ("trust >= 6", {"trust": 6}, True),
    ("trust >= 6", {"trust": 5}, False),
    ("shame > 7 and not trust >= 5", {"shame": 8, "trust": 4}, True),
    ("shame > 7 and not trust >= 5", {"shame": 8, "trust": 5}, False),
    ("(trust >= 6 or shame <= 3) and shame != 10", {"trust": 1, "shame": 2}, True),
    ("trust == shame", {"trust": 3, "shame": 3}, True),
    ("3 < trust", {"trust": 4}, True),
])
def test_conditions_evaluate(text, state, expected):
    assert holds(parse_condition(text), state) is expected


def test_names_are_collected():
    assert names_in(parse_condition("(trust > 1 or hope < 2) and not shame == 3")) == {"trust", "hope", "shame"}


@pytest.mark.parametrize("text, fragment", [
    ("", "nothing to test"),
    ("trust >=", "stops too early"),
    ("trust 5", "expected a comparison"),
    ("(trust > 5", "never closed"),
    ("trust > 5 shame", "unexpected"),
    ("__import__('os')", "cannot read"),
    ("trust => 5", "cannot read"),
])
def test_bad_conditions_say_what_is_wrong(text, fragment):
    with pytest.raises(ConditionError, match=fragment.replace("(", r"\(")):
        parse_condition(text)
