import pytest

from selfkind.exercises.scs_sf import REVERSED, IncompleteResponses, score


def test_reverse_scored_items_are_those_of_the_negative_subscales():
    assert REVERSED == {1, 4, 8, 9, 11, 12}  # Raes et al. (2011)


def test_most_self_compassionate_answers_score_five():
    responses = {i: (1 if i in REVERSED else 5) for i in range(1, 13)}
    result = score(responses)
    assert result.total == 5.0
    assert result.subscales["Self-kindness"] == 5.0 and result.subscales["Self-judgment"] == 1.0


def test_a_worked_example():
    responses = {1: 4, 2: 2, 3: 3, 4: 5, 5: 2, 6: 1, 7: 3, 8: 4, 9: 5, 10: 3, 11: 4, 12: 5}
    result = score(responses)
    assert result.subscales == {"Self-kindness": 1.5, "Self-judgment": 4.5, "Common humanity": 2.5,
                                "Isolation": 4.5, "Mindfulness": 3.0, "Over-identification": 4.5}
    # reversed: 1→2, 4→1, 8→2, 9→1, 11→2, 12→1; kept: 2, 3, 2, 1, 3, 3
    assert result.total == pytest.approx((2 + 1 + 2 + 1 + 2 + 1 + 2 + 3 + 2 + 1 + 3 + 3) / 12)


def test_missing_and_out_of_range_items_are_named():
    with pytest.raises(IncompleteResponses, match=r"no response yet for items 3, 12; responses must be 1 to 5 \(item 5\)"):
        score({**{i: 3 for i in range(1, 13) if i not in (3, 12)}, 5: 7})
