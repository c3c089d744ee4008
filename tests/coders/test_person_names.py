"""The first names derived from the people tables (coders/person_names.py)."""

from __future__ import annotations

from coders.actor_records import Person, Role
from coders.person_names import first_names


def _person(name: str, *aliases: str) -> Person:
    return Person(name=name, aliases=list(aliases), roles=[Role(country="IRQ", agent="GOV", title="Office")])


def test_a_name_that_begins_others_full_names_is_a_first_name():
    people = [_person("Latif Rashid", "Rashid"), _person("Rashid Karami"), _person("Rashid Ali Khan"), _person("Ahmed Rashid Omar")]
    assert first_names(people) == frozenset({"Rashid"})


def test_a_surname_few_others_begin_with_is_not():
    people = [_person("Vladimir Putin", "Putin"), _person("Putin Tester"), _person("Ivan Ivanov")]
    assert first_names(people) == frozenset()


def test_a_name_that_ends_more_full_names_than_it_begins_is_not():
    people = [
        _person("Hosni Mubarak", "Mubarak"),
        _person("Mubarak Awad"),
        _person("Mubarak Saleh"),
        _person("Ali Mubarak"),
        _person("Omar Mubarak"),
    ]
    assert first_names(people) == frozenset()


def test_the_packaged_readings_are_kept_between_processes_and_equal_a_fresh_derivation(tmp_path, monkeypatch):
    from coders.actor_data import load_actor_data
    from coders.person_names import city_names, packaged_readings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    packaged_readings.cache_clear()
    try:
        names, cities = packaged_readings()
        assert [p.name for p in (tmp_path / "dyadflow").glob("person-names-*.pickle")]  # written for the next process
        data = load_actor_data()
        assert names == first_names(data.people) and "Rashid" in names
        assert cities == city_names(data.written_phrases().items()) and cities["Austin"].iso3 == "USA"
    finally:
        packaged_readings.cache_clear()
