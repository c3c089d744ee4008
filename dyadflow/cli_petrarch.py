"""PETRARCH dictionaries on the command line: the validate command and the coder behind --verbs/--actors/...

`register(app)` adds ``dyadflow validate``. `coder_from_options` builds the coder the ``code``
and ``run`` commands use when given ``--verbs``, ``--actors``, ``--agents``, ``--discards`` or
``--dictionaries DIR``; the option types below are there for those commands to share.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from coders.coder import Coder

_stderr = Console(stderr=True)

VerbsOpt = Annotated[list[Path] | None, typer.Option("--verbs", help="A PETRARCH verb dictionary (CAMEO.2.0.txt); repeatable.")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="A PETRARCH actor dictionary (Phoenix.Countries.actors.txt); repeatable.")]
AgentsOpt = Annotated[list[Path] | None, typer.Option("--agents", help="A PETRARCH agent dictionary (Phoenix.agents.txt); repeatable.")]
DiscardsOpt = Annotated[list[Path] | None, typer.Option("--discards", help="A PETRARCH discard list (Phoenix.discards.txt); repeatable.")]
DictionariesOpt = Annotated[
    Path | None,
    typer.Option("--dictionaries", help="A folder of PETRARCH dictionaries, found by name: *verbs*.txt or CAMEO*.txt, *actors*.txt, *agents*.txt, *discards*.txt."),
]
AloneOpt = Annotated[
    bool,
    typer.Option("--dictionaries-only", help="Code with the given dictionaries alone, not on top of dyadflow's own lexicon and actors."),
]
StrictOpt = Annotated[
    bool,
    typer.Option("--strict", help="Stop at the first malformed dictionary line instead of skipping it with a warning."),
]
# Malformed dictionary lines shown in the warning; the rest are counted.
_SHOWN_PROBLEMS = 3


def register(app: typer.Typer) -> None:
    """Add the validate command to the dyadflow CLI."""
    app.command(
        "validate",
        epilog="Example: dyadflow validate ../shared/petrarch/v2_02/PETR_Validate_records_2_02.xml",
    )(validate)


def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE.xml", help="A PETRARCH validation suite (PETR.UnitTest.records.xml).")],
    dictionaries: Annotated[
        Path | None,
        typer.Option("--dictionaries", help="Read the dictionaries the suite's <Environment> names from this folder instead of beside FILE."),
    ] = None,
    failures: Annotated[bool, typer.Option("--failures", help="Also list every record not coded exactly as expected.")] = False,
) -> None:
    """Code a PETRARCH validation suite with its own dictionaries and compare with the expected events.

    Per category and overall: records fully correct, expected events found, extra events. The
    last line reads records=N correct=N expected=N found=N extra=N.
    """
    from coders.petrarch.validate import failures as failed_records
    from coders.petrarch.validate import validate as run_validation
    from schemas.errors import InputError

    if not file.is_file():
        raise InputError("no such validation file", path=str(file), reason="missing")
    result = run_validation(file, folder=dictionaries)
    if failures:
        for line in failed_records(result):
            typer.echo(line)
    for line in result.report():
        typer.echo(line)


def coder_from_options(
    *,
    verbs: Sequence[Path] | None = None,
    actors: Sequence[Path] | None = None,
    agents: Sequence[Path] | None = None,
    discards: Sequence[Path] | None = None,
    dictionaries: Path | None = None,
    alone: bool = False,
    strict: bool = False,
) -> Coder:
    """The coder for the dictionary options: the packaged coder when none is given.

    Dictionaries from ``dictionaries`` (a folder) come before the files given one by one. Unless
    ``alone``, they code on top of our own lexicon and actors (see coders.petrarch.load for the
    precedence). The field's own dictionaries hold a few malformed lines (22 of Phoenix's ~70,000),
    which PETRARCH skips: so does this, with a warning naming them, unless ``strict``. The coder
    is built once per process for the same options.

    Raises:
        DictionaryError: a dictionary is missing or (when strict) has a malformed line.
    """
    files = {"verbs": list(verbs or ()), "actors": list(actors or ()), "agents": list(agents or ()), "discards": list(discards or ())}
    if dictionaries is not None:
        from coders.petrarch.load import dictionary_files

        for kind, paths in dictionary_files(dictionaries).items():
            files[kind] = paths + files[kind]
    if not any(files.values()):
        from dyadflow.pipeline import shared_coder

        return shared_coder()
    key = tuple(tuple(str(Path(p).resolve()) for p in files[kind]) for kind in ("verbs", "actors", "agents", "discards"))
    return _dictionary_coder(key, alone, strict)


@cache
def _dictionary_coder(key: tuple[tuple[str, ...], ...], alone: bool, strict: bool) -> Coder:
    from coders.actor_data import load_actor_data
    from coders.lexicon import load_lexicon
    from coders.petrarch.load import DictionaryCoder, load_dictionaries

    verbs, actors, agents, discards = key
    loaded = load_dictionaries(
        verbs=verbs,
        actors=actors,
        agents=agents,
        discards=discards,
        base_lexicon=None if alone else load_lexicon(),
        base_actors=None if alone else load_actor_data(),
        strict=strict,
    )
    _stderr.print(f"dictionaries: {loaded.report.summary()}", highlight=False, soft_wrap=True)
    problems = loaded.report.problems
    for problem in problems[:_SHOWN_PROBLEMS]:
        _stderr.print(f"[yellow]skipped[/] {problem}", highlight=False, soft_wrap=True)
    if len(problems) > _SHOWN_PROBLEMS:
        more = len(problems) - _SHOWN_PROBLEMS
        _stderr.print(f"[yellow]skipped[/] … and {more} more malformed lines (--strict stops at the first)", highlight=False, soft_wrap=True)
    return DictionaryCoder(loaded)
