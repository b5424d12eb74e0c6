"""Property-based: whatever is typed, validation answers with its own error type or a value."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.errors import ValidationError
from models.personnel.person import Secretary
from models.values import dates, idcard, text
from models.writing import services

TODAY = dt.date(2026, 11, 24)
anything = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True),
                     st.booleans(), st.lists(st.integers(), max_size=3))


@given(st.text(max_size=30))
def test_id_numbers(raw):
    try:
        parsed = idcard.parse(raw, today=TODAY)
    except ValidationError:
        return
    assert len(parsed.number) == 18 and parsed.number[17] == idcard.check_character(parsed.number[:17])


@given(st.text(max_size=20))
def test_partial_dates(raw):
    try:
        value = dates.parse_partial(raw, field="d", label="日期", today=TODAY)
    except ValidationError:
        return
    assert value is None or dates.earliest_day(value) <= TODAY


@given(st.text(max_size=40))
def test_names_and_phones(raw):
    for check in (text.clean_name, text.clean_phone):
        try:
            check(raw)
        except ValidationError:
            pass


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["name", "birth_date", "party_date", "id_number", "phone", "sex",
                                        "concurrent_head", "status", "unknown", "ethnicity"]), anything))
def test_a_whole_record(admin, unit, data):
    try:
        services.create(admin, Secretary, {**data, "unit": unit.id})
    except ValidationError:
        pass
