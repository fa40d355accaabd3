"""One sentence of finding beside each chart, computed from the table it draws, so a reader of the
report knows what to look at ("Vučić is quoted 6 times, more than anyone else")."""
from __future__ import annotations

import pandas as pd


def _leader(table: pd.DataFrame, label: str, value: str) -> tuple[str, int, int]:
    """``(first label, its value, how many others share it)``, the table's order breaking ties."""
    top = int(table[value].max())
    leaders = table[table[value] == top]
    return str(leaders[label].iloc[0]), top, len(leaders) - 1


def _most(table: pd.DataFrame, label: str, value: str, verb: str, unit: str) -> str:
    name, top, tied = _leader(table, label, value)
    who = name if not tied else f"{name} and {tied} other(s)"
    return f"{who} {'is' if not tied else 'are'} {verb} {top} {unit}{'' if top == 1 else 's'}, more than anyone else."


def sizes(overview: pd.DataFrame) -> str:
    name, top, _ = _leader(overview, "article_id", "n_words")
    return (f"The longest article, {name}, has {top:,} words; the median article has "
            f"{int(overview['n_words'].median()):,}.")


def mentions(counts: pd.DataFrame) -> str:
    return _most(counts, "name", "n_mentions", "mentioned", "time")


def quotes(speakers: pd.DataFrame) -> str:
    return _most(speakers, "speaker", "n_quotes", "quoted", "time")


def cooccurrence(pairs: pd.DataFrame) -> str:
    first = pairs.sort_values("n_sentences", ascending=False, kind="stable").iloc[0]
    return (f"{first['actor_a']} and {first['actor_b']} are named together in {int(first['n_sentences'])} "
            "sentence(s), more than any other pair.")


def stances(matrix: pd.DataFrame) -> str:
    busiest = matrix.assign(n=matrix["n_favor"] + matrix["n_against"] + matrix["n_other"]) \
        .sort_values("n", ascending=False, kind="stable").iloc[0]
    return (f"{matrix['name'].nunique()} actor(s) take a stance on {matrix['topic'].nunique()} topic(s); the most "
            f"evidence is {busiest['name']} on {busiest['topic']} (+{busiest['n_favor']} −{busiest['n_against']}).")


def timeline(rows: pd.DataFrame) -> str:
    dated = rows[rows["first_day"].notna()]
    undated = len(rows) - len(dated)
    span = (f", from {dated['first_day'].min():%Y-%m-%d} to {dated['last_day'].max():%Y-%m-%d}"
            if len(dated) else "")
    return (f"{len(rows)} event(s), {len(dated)} dated{span}"
            + (f"; {undated} undated, in their own lane in the order the text implies." if undated else "."))
