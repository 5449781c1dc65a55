import pytest
from hypothesis import given
from hypothesis import strategies as st

from civiccx.feedback.scoring import (
    DRIVERS,
    INDICATORS,
    CollectionTally,
    DriverTally,
    IndicatorTally,
    Interval,
    ResponseRates,
    ThumbsTally,
    mean_interval,
    wilson_interval,
    z_for,
)

pytestmark = pytest.mark.pure

approx = pytest.approx


def test_z_for_95_percent():
    assert z_for(0.95) == approx(1.959963984540054)
    assert z_for(0.90) == approx(1.6448536269514722)
    with pytest.raises(ValueError, match="between 0 and 1"):
        z_for(95)


def test_likert_summary_hand_computed():
    # counts at 1..5 = 1,1,2,3,3 -> n 10, sum 36, mean 3.6
    # sum of squares 146; s^2 = (146 - 10 * 3.6^2) / 9 = 16.4 / 9; s = 1.349897
    # half-width = 1.959964 * 1.349897 / sqrt(10) = 0.836660
    # agree 6/10; Wilson 95% (0.312674, 0.831820)
    summary = DriverTally((1, 1, 2, 3, 3)).summary()
    assert summary.n == 10
    assert summary.mean == approx(3.6)
    assert summary.std_dev == approx(1.349897, abs=1e-6)
    assert summary.mean_ci.low == approx(2.763340, abs=1e-6)
    assert summary.mean_ci.high == approx(4.436660, abs=1e-6)
    assert summary.percent_agree == approx(0.6)
    assert summary.agree_ci.low == approx(0.312674, abs=1e-6)
    assert summary.agree_ci.high == approx(0.831820, abs=1e-6)
    assert summary.small_sample is True


def test_mean_out_of_five_like_published_scores():
    # satisfaction 4.33/5: one "neutral", two "strongly agree"
    assert round(DriverTally.of({3: 1, 5: 2}).mean, 2) == 4.33


def test_small_sample_flag_boundary():
    assert DriverTally((0, 0, 0, 29, 0)).summary().small_sample is True
    assert DriverTally((0, 0, 0, 30, 0)).summary().small_sample is False


def test_mean_interval_is_clipped_to_the_scale():
    interval = mean_interval([1, 0, 0, 0, 1])  # mean 3, s = 2.83, n = 2 -> +/- 3.92
    assert (interval.low, interval.high) == (1.0, 5.0)


def test_identical_answers_give_a_point_interval():
    summary = DriverTally.of({4: 40}).summary()
    assert summary.std_dev == 0
    assert summary.mean_ci == Interval(4.0, 4.0)
    assert summary.percent_agree == 1.0


def test_empty_and_single_answer():
    empty = DriverTally().summary()
    assert (empty.n, empty.mean, empty.mean_ci, empty.percent_agree, empty.agree_ci) == (
        0,
        None,
        None,
        None,
        None,
    )
    one = DriverTally.from_answers([5]).summary()
    assert one.mean == 5 and one.mean_ci is None and one.percent_agree == 1.0


def test_wilson_interval_known_values():
    # 45 of 50: p 0.9, z^2/n 0.076829, centre 0.871462, half 0.085063 -> (0.786398, 0.956524)
    interval = wilson_interval(45, 50)
    assert interval.low == approx(0.786398, abs=1e-6)
    assert interval.high == approx(0.956524, abs=1e-6)
    assert wilson_interval(0, 10).low == 0.0
    assert wilson_interval(10, 10).high == 1.0
    assert wilson_interval(0, 0) is None
    assert 0.9 in interval


@pytest.mark.parametrize(
    ("successes", "n", "error"),
    [(11, 10, ValueError), (-1, 10, ValueError), (1.5, 10, TypeError), (True, 10, TypeError)],
)
def test_wilson_interval_rejects_nonsense(successes, n, error):
    with pytest.raises(error):
        wilson_interval(successes, n)


def test_driver_tally_adds_incrementally():
    monday = DriverTally.from_answers([5, 4, 4, None, 1])
    tuesday = DriverTally.of({2: 1, 5: 2})
    assert (monday + tuesday).counts == (1, 1, 0, 2, 3)
    assert sum([monday, tuesday], DriverTally()) == monday + tuesday


@pytest.mark.parametrize("bad", [0, 6, 4.0, "4", True])
def test_driver_tally_rejects_bad_answers(bad):
    with pytest.raises(ValueError, match="1-5"):
        DriverTally.from_answers([bad])


def test_driver_tally_rejects_bad_counts():
    with pytest.raises(ValueError, match="five counts"):
        DriverTally((1, 2, 3))
    with pytest.raises(ValueError, match="negative"):
        DriverTally((1, -2, 3, 0, 0))
    with pytest.raises(ValueError, match="1-5"):
        DriverTally.of({0: 3})


def test_thumbs_up_rate_with_wilson():
    tally = ThumbsTally.from_answers([1] * 45 + [0] * 5 + [None])
    summary = tally.summary()
    assert (summary.successes, summary.n, summary.rate) == (45, 50, 0.9)
    assert summary.ci.low == approx(0.786398, abs=1e-6)
    assert summary.small_sample is False
    assert ThumbsTally(1, 2) + ThumbsTally(3, 4) == ThumbsTally(4, 6)
    with pytest.raises(ValueError, match="thumbs"):
        ThumbsTally.from_answers([2])


def test_indicator_rates_over_those_shown_the_question():
    tally = IndicatorTally(shown=20, selected={"ease": 10, "effectiveness": 5})
    rates = tally.rates()
    assert list(rates)[: len(INDICATORS)] == list(INDICATORS)
    assert rates["ease"].rate == 0.5
    assert rates["effectiveness"].rate == 0.25
    assert rates["humanity"].rate == 0.0
    assert rates["ease"].small_sample is True
    combined = tally + IndicatorTally(shown=5, selected={"ease": 5, "other": 1})
    assert combined.shown == 25
    assert dict(combined.selected) == {"ease": 15, "effectiveness": 5, "other": 1}
    with pytest.raises(ValueError, match="shown only 2"):
        IndicatorTally(shown=2, selected={"ease": 3})


def test_response_rates():
    rates = ResponseRates(responses=381, offered=2324, served=3240)
    assert rates.of_offered == approx(381 / 2324)
    assert rates.of_served == approx(381 / 3240)
    assert rates.offer_rate == approx(2324 / 3240)
    assert rates.problems() == []
    assert ResponseRates(0, 0, 0).of_offered is None
    assert ResponseRates(0, 0, 0).of_served is None
    both = rates + ResponseRates(19, 76, 760)
    assert (both.responses, both.offered, both.served) == (400, 2400, 4000)
    assert both.of_offered == approx(1 / 6)
    assert both.of_served == approx(0.1)


def test_response_rates_report_impossible_volumes():
    problems = ResponseRates(responses=10, offered=5, served=4).problems()
    assert problems == [
        "responses (10) exceed surveys offered (5)",
        "surveys offered (5) exceed people served (4)",
    ]


def test_collection_tally_rolls_up():
    day1 = CollectionTally(
        volumes=ResponseRates(2, 10, 100),
        drivers={"trust": DriverTally.from_answers([5, 2])},
        thumbs=ThumbsTally(1, 1),
        positive=IndicatorTally(1, {"ease": 1}),
        negative=IndicatorTally(1, {"efficiency": 1}),
    )
    day2 = CollectionTally(
        volumes=ResponseRates(1, 5, 50),
        drivers={"satisfaction": DriverTally.from_answers([4])},
        thumbs=ThumbsTally(1, 0),
        positive=IndicatorTally(1, {"ease": 1, "employee": 1}),
    )
    total = day1 + day2
    assert total.volumes == ResponseRates(3, 15, 150)
    assert total.driver("trust").counts == (0, 1, 0, 0, 1)
    assert total.driver("satisfaction").n == 1
    assert total.driver("employee").n == 0
    assert total.thumbs == ThumbsTally(2, 1)
    assert dict(total.positive.selected) == {"ease": 2, "employee": 1}
    assert total.negative.shown == 1
    assert CollectionTally() + total == total
    assert set(DRIVERS) >= set(total.drivers)


answers = st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=200)


@given(answers, answers)
def test_adding_tallies_equals_tallying_everything(first, second):
    assert DriverTally.from_answers(first) + DriverTally.from_answers(
        second
    ) == DriverTally.from_answers(first + second)


@given(st.lists(st.integers(1, 5), min_size=2, max_size=300))
def test_summary_matches_direct_statistics(values):
    import statistics

    summary = DriverTally.from_answers(values).summary()
    assert summary.mean == approx(statistics.fmean(values))
    assert summary.std_dev == approx(statistics.stdev(values), abs=1e-9)
    assert summary.mean_ci.low <= summary.mean <= summary.mean_ci.high
    assert summary.agree_ci.low <= summary.percent_agree <= summary.agree_ci.high
