"""Slot generation is pure: opening hours, visit length and counters in, free starts out,
in each center's own time zone and across daylight-saving changes."""

from datetime import UTC, date, datetime, time

import pytest

from civiccx.walkin.slots import day_starts, generate_slots, local_instant

pytestmark = pytest.mark.pure

ALL_DAY = [(time(0), time(23, 59, 59))]
OFFICE = [(time(8, 30), time(16, 30))]
SPRING_2027 = date(2027, 3, 14)  # US clocks go forward at 2:00
AUTUMN_2027 = date(2027, 11, 7)  # and back at 2:00


def test_an_ordinary_office_day_has_sixteen_half_hour_slots():
    starts = day_starts(date(2027, 3, 10), OFFICE, "America/New_York", 30, 30)
    assert len(starts) == 16
    assert starts[0] == datetime(2027, 3, 10, 13, 30, tzinfo=UTC)  # 8:30 EST
    assert starts[-1] == datetime(2027, 3, 10, 21, 0, tzinfo=UTC)  # 16:00 EST, ends 16:30


def test_office_hours_stay_at_local_8_30_across_the_spring_change():
    before = day_starts(date(2027, 3, 12), OFFICE, "America/New_York", 30, 30)
    after = day_starts(date(2027, 3, 15), OFFICE, "America/New_York", 30, 30)
    assert before[0].hour == 13 and after[0].hour == 12  # EST, then EDT
    assert len(before) == len(after) == 16


@pytest.mark.parametrize(("day", "hourly_starts"), [
    (date(2027, 3, 10), 23), (SPRING_2027, 22), (AUTUMN_2027, 24)])
def test_a_day_open_around_the_clock_has_as_many_slots_as_it_has_hours(day, hourly_starts):
    starts = day_starts(day, ALL_DAY, "America/New_York", 60, 60)
    assert len(starts) == hourly_starts
    gaps = {(b - a).total_seconds() for a, b in zip(starts, starts[1:], strict=False)}
    assert gaps == {3600.0}  # absolute hours: no slot is lost or doubled at the change


def test_a_local_time_in_the_spring_gap_is_read_with_the_offset_before_it():
    from zoneinfo import ZoneInfo

    moment = local_instant(SPRING_2027, time(2, 30), ZoneInfo("America/New_York"))
    assert moment == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)  # 3:30 EDT


def test_centers_in_different_time_zones_open_at_their_own_8_30():
    for zone, utc_hour in [("America/New_York", 13), ("America/Chicago", 14),
                           ("America/Phoenix", 15), ("Pacific/Honolulu", 18)]:
        starts = day_starts(date(2027, 1, 11), OFFICE, zone, 30, 30)
        assert (starts[0].hour, starts[0].minute) == (utc_hour, 30), zone


def test_phoenix_does_not_change_its_clocks():
    winter = day_starts(date(2027, 1, 11), OFFICE, "America/Phoenix", 30, 30)[0]
    summer = day_starts(date(2027, 7, 12), OFFICE, "America/Phoenix", 30, 30)[0]
    assert winter.hour == summer.hour == 15


def test_longer_visits_need_every_unit_free_on_one_counter():
    day = date(2027, 3, 10)
    starts = day_starts(day, OFFICE, "America/New_York", 30, 30)
    taken = {(0, starts[1])}  # counter 0 is booked 9:00-9:30
    slots = generate_slots(spans_for=lambda d: OFFICE if d == day else [],
                           zone_name="America/New_York", first_day=day, days=1,
                           slot_minutes=30, duration_minutes=60, seats=1, taken=taken,
                           not_before=datetime(2027, 1, 1, tzinfo=UTC))
    local = [s.local("America/New_York").strftime("%H:%M") for s in slots]
    assert "08:30" not in local and "09:00" not in local  # both would overlap 9:00
    assert local[0] == "09:30" and local[-1] == "15:30"  # an hour must end by 16:30


def test_two_counters_mean_two_people_can_book_the_same_time():
    day = date(2027, 3, 10)
    first = day_starts(day, OFFICE, "America/New_York", 30, 30)[0]
    slots = generate_slots(spans_for=lambda d: OFFICE, zone_name="America/New_York",
                           first_day=day, days=1, slot_minutes=30, duration_minutes=30,
                           seats=2, taken={(0, first)},
                           not_before=datetime(2027, 1, 1, tzinfo=UTC))
    assert slots[0].starts_at == first and slots[0].free_seats == (1,)


def test_closed_days_and_the_past_have_no_slots():
    day = date(2027, 3, 10)
    slots = generate_slots(spans_for=lambda d: OFFICE if d.weekday() < 5 else [],
                           zone_name="America/Chicago", first_day=day, days=7,
                           slot_minutes=30, duration_minutes=30, seats=1, taken=set(),
                           not_before=datetime(2027, 3, 10, 18, 0, tzinfo=UTC))
    days = {s.local("America/Chicago").date() for s in slots}
    assert date(2027, 3, 13) not in days and date(2027, 3, 14) not in days  # weekend
    assert min(s.starts_at for s in slots) == datetime(2027, 3, 10, 18, 0, tzinfo=UTC)
