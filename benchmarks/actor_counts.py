"""How many actors the actor data holds, by kind: places, organisations, peoples, regions, people, agent words.

    .venv/bin/python benchmarks/actor_counts.py

Reads each table of ``coders/data`` on its own (not the cached, merged table), so our rows and the
rows converted from the Phoenix dictionaries are counted apart. Prints ``key=value`` lines.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def actor_counts() -> dict[str, int]:
    """The number of actors of each kind in the packaged tables (names of places; rows of the others)."""
    from coders.actor_data import DATA_DIR, country_codes, read_agents, read_countries, read_organizations, read_people

    counts: dict[str, int] = {}
    places = read_countries(DATA_DIR / "countries.csv")
    counts["states"] = len({p.iso3 for p in places if p.kind == "country"})
    for kind, n in sorted(Counter(p.kind for p in places).items()):
        counts[f"place_names.{kind}"] = n
    ours = read_organizations(DATA_DIR / "organizations.csv")
    peoples = read_organizations(DATA_DIR / "peoples.csv")
    regions = read_organizations(DATA_DIR / "regions.csv")
    counts["peoples"] = len({o.code for o in peoples})
    counts["regions"] = len({o.code for o in regions})
    taken = frozenset(name.lower() for org in ours + peoples + regions for name in org.names)
    world = read_organizations(DATA_DIR / "world_organizations.csv", taken)
    for source, orgs in (("ours", ours), ("phoenix", world)):
        kinds = Counter(_kind(o.code, country_codes()) for o in orgs)
        for kind, n in sorted(kinds.items()):
            counts[f"organizations.{source}.{kind}"] = n
    people = read_people(DATA_DIR / "people.csv", ours + peoples + regions)
    counts["people.ours"] = len(people)
    names = frozenset(name.lower() for person in people for name in [person.name, *person.aliases])
    counts["people.phoenix"] = len(read_people(DATA_DIR / "world_people.csv", ours + peoples + regions + world, names))
    for agent, n in sorted(Counter(read_agents(DATA_DIR / "agents.csv").values()).items()):
        counts[f"agent_words.{agent}"] = n
    return counts


def _kind(code: str, countries: frozenset[str]) -> str:
    """An organisation's kind by its code: national (AFGREB), IGO, NGO, IMG, MNC, or regional (a region first: MEAREB)."""
    if code[:3] in countries:
        return "national"
    return code[:3] if code[:3] in ("IGO", "NGO", "IMG", "MNC") else "regional"


def main() -> None:
    """Print the counts."""
    for key, value in actor_counts().items():
        print(f"{key}={value}")


if __name__ == "__main__":
    main()
