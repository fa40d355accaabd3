"""Speaker names read on news outside PolNeAR, whose texts the rules were not written for.

Each set (``paths.NEWS_GOLD_DIR/<set>_speakers.yml``) lists, for every quote whose speaker the text
gives as a pronoun or a description, or not at all (a quote paragraph of its own), where the quote
starts, the Source span, and the person or body it refers to (or none), written by reading. The
texts are public but not bundled: ``texts`` holds the SHA-256 of each article's text as the
workbook reads it, so a folder prepared otherwise is refused rather than scored against the wrong
offsets. A quote is judged by the workbook's row that holds its first character (the innermost
direct, partial or nested row), by ``evaluation.referents.names_referent``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import NEWS_GOLD_DIR
from analysis.schema import QUOTE_KINDS
from evaluation.attribution import Ratio
from evaluation.referents import UNNAMED, article_interval, names_referent, words

SEALED = frozenset({"ggt2019"})  # figures only: no miss is shown, so no rule is written from them
KINDS = (*UNNAMED, "implicit")


def news_file(name: str) -> Path:
    return NEWS_GOLD_DIR / f"{name}_speakers.yml"


def read_news(path: Path) -> tuple[dict[str, str], pd.DataFrame]:
    """The articles' text hashes, and one row per read quote."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = pd.DataFrame(data["quotes"]).rename(columns={"article": "article_id"})
    return dict(data["texts"]), rows


def misaligned(texts: dict[str, str], articles: pd.DataFrame) -> list[str]:
    """The read articles the workbook lacks or reads as another text."""
    held = dict(zip(articles["article_id"], articles["sha256"]))
    return sorted(article for article, digest in texts.items() if held.get(article) != digest)


def judge_news(quotes: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with the workbook's speaker for each quote, ``found`` and ``name_right`` (NA when
    not found)."""
    quoted = quotes[quotes["kind"].isin(QUOTE_KINDS)]
    by_article = dict(tuple(quoted.groupby("article_id", sort=False)))
    people = {article: {words(name): None for name in group["referent"].dropna()}
              for article, group in rows.groupby("article_id")}
    judged = []
    for row in rows.to_dict("records"):
        held = by_article.get(row["article_id"], quoted.iloc[:0])
        held = held[(held["start"] <= row["quote_start"]) & (held["end"] > row["quote_start"])]
        found = len(held) > 0
        chosen = held.loc[(held["end"] - held["start"]).idxmin()].to_dict() if found else {}
        said = {"speaker": chosen.get("speaker", pd.NA), "speaker_resolution": chosen.get("speaker_resolution"),
                "referent": pd.NA if row["referent"] is None else row["referent"]}
        judged.append({**row, "found": found, "speaker": said["speaker"],
                       "speaker_surface": chosen.get("speaker_surface", pd.NA),
                       "speaker_resolution": said["speaker_resolution"],
                       "name_right": names_referent(said, people.get(row["article_id"], {})) if found else pd.NA})
    return pd.DataFrame(judged).astype({"name_right": "boolean"})


def news_scores(judged: pd.DataFrame) -> dict[str, tuple[Ratio, tuple[float, float]]]:
    """Names right among the found quotes, by Source kind and for pronouns and descriptions
    together, each with its interval over articles (``article_interval``)."""
    found = judged[judged["found"]]
    groups = {kind: found[found["source_kind"] == kind] for kind in KINDS}
    groups["pronoun/description"] = found[found["source_kind"].isin(UNNAMED)]
    return {kind: (Ratio(int(rows["name_right"].sum()), len(rows)), article_interval(rows))
            for kind, rows in groups.items()}
