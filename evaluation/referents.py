"""Speaker names read strictly: is the name the ``quotes`` table gives the one the Source means?

The lenient rule in ``evaluation.attribution`` credits a predicted mention that overlaps the
Source, so "he" counts as right even when the workbook names the wrong man. Here the gold is the
person or body each Source refers to, written by reading PolNeAR (``paths.REFERENTS_DIR``: all of
dev, 406 train articles for development),
and a found quote is right only when its ``speaker`` names that referent:

- names compare as words, ignoring case, diacritics, titles, a leading "the" and a possessive;
  equal words are right, and so is a name that holds every word of the referent ("Donald J. Trump"
  for "Donald Trump"); a part of the referent's name ("Clinton" for "Hillary Clinton") is right
  unless another referent of the same article ends with it too (Bill Clinton; not "Clinton
  campaign");
- a Source that names nobody in the text ("a senior aide") is right when the speaker is left
  unresolved (the mention itself, ``speaker_resolution`` "unresolved").

A gender mismatch is a he/she Source given a referent of the other gender, by the genders the
gold records for the article's referents; it is counted whatever named the speaker, and separately
when the resolver did (``speaker_resolution`` "pronoun→name") rather than an attribution rule that
took a named speaker ("she pointed to reports that Lund called her 'a lightweight'").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from unidecode import unidecode

from analysis.paths import REFERENTS_DIR
from evaluation.attribution import Ratio
from evaluation.sources import TITLES

UNNAMED = ("pronoun", "description")
HOLDOUT = "holdout"  # train articles read into a file of their own, scored but never shown as misses
PRONOUN_GENDER = {"he": "male", "she": "female"}
COLUMNS = {"article_id": "string", "source_start": "Int64", "source_end": "Int64", "source_kind_read": "string",
           "referent": "string", "referent_type": "string", "referent_gender": "string"}


RESAMPLES = 2000  # bootstrap draws: steady to two decimals, well under a second on the largest set
SEED = 0  # fixed: the same judgements give the same interval


@dataclass(frozen=True)
class Strict:
    named: Ratio            # found quotes of named Sources whose speaker names the referent
    unnamed: Ratio          # the same for pronoun and description Sources
    named_interval: tuple[float, float]    # the 95 % interval of ``named`` (``article_interval``)
    unnamed_interval: tuple[float, float]  # the same for ``unnamed``
    gender_mismatches: int  # he/she Sources named as a referent of the other gender
    resolved_mismatches: int  # ... of which the resolver named so (``pronoun→name``), not an attribution rule
    covered: Ratio          # gold quotes with a Source whose referent the gold records


def referents_file(split: str) -> Path:
    return REFERENTS_DIR / f"{split}_speakers.yml"


def read_referents(path: Path) -> pd.DataFrame:
    """One row per Source span: the referent (NA when the text names nobody), its type and gender."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    table = pd.DataFrame([{"article_id": row["article"], "source_start": row["source_start"],
                           "source_end": row["source_end"], "source_kind_read": row["source_kind"],
                           "referent": row["referent"], "referent_type": row["referent_type"],
                           "referent_gender": row["referent_gender"]} for row in rows], columns=list(COLUMNS))
    return table.astype(COLUMNS)


def judge_names(judged: pd.DataFrame, referents: pd.DataFrame) -> pd.DataFrame:
    """``evaluation.attribution.judge_quotes`` output joined to the referents, with ``name_right``
    (NA for a quote not found) and ``gender_mismatch``."""
    table = judged.merge(referents, on=["article_id", "source_start", "source_end"], how="inner", validate="m:1")
    people = _article_referents(referents)
    right, mismatch = [], []
    for row in table.to_dict("records"):
        known = people.get(row["article_id"], {})
        right.append(pd.NA if not row["found"] else names_referent(row, known))
        mismatch.append(bool(row["found"]) and _gender_mismatch(row, known))
    return table.assign(name_right=pd.array(right, dtype="boolean"), gender_mismatch=mismatch)


def strict_scores(judged: pd.DataFrame, referents: pd.DataFrame) -> Strict:
    table = judge_names(judged, referents)
    found = table[table["found"]]
    with_source = judged["source_start"].notna()

    named, unnamed = found[~found["source_kind_read"].isin(UNNAMED)], found[found["source_kind_read"].isin(UNNAMED)]

    def ratio(rows: pd.DataFrame) -> Ratio:
        return Ratio(int(rows["name_right"].sum()), len(rows))

    return Strict(named=ratio(named), unnamed=ratio(unnamed),
                  named_interval=article_interval(named), unnamed_interval=article_interval(unnamed),
                  gender_mismatches=int(table["gender_mismatch"].sum()),
                  resolved_mismatches=int((table["gender_mismatch"]
                                           & (table["speaker_resolution"] == "pronoun→name")).sum()),
                  covered=Ratio(len(table), int(with_source.sum())))


def article_interval(rows: pd.DataFrame, level: float = 0.95) -> tuple[float, float]:
    """Where the share of ``name_right`` would fall on other articles like these: a bootstrap over
    articles rather than quotes, because one article's Sources miss together (an editorial board
    quoted five times, named wrongly five times), so a few articles decide a figure of a few hundred
    Sources. Read two figures as different only where their intervals do not overlap."""
    per_article = rows.groupby("article_id", sort=True)["name_right"].agg(["sum", "size"])
    if per_article.empty:
        return 0.0, 0.0
    hits, sizes = per_article["sum"].to_numpy(float), per_article["size"].to_numpy(float)
    draws = np.random.default_rng(SEED).integers(0, len(per_article), (RESAMPLES, len(per_article)))
    values = hits[draws].sum(axis=1) / sizes[draws].sum(axis=1)
    tail = (1 - level) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))


def names_referent(row: dict, article_referents: dict[tuple[str, ...], str | None]) -> bool:
    """The predicted ``speaker`` names the row's referent (the rule in the module docstring)."""
    if pd.isna(row["speaker"]):
        return False
    if pd.isna(row["referent"]):
        return row.get("speaker_resolution") == "unresolved"
    said, meant = words(row["speaker"]), words(row["referent"])
    if not said:
        return False
    if set(meant) <= set(said):
        return True
    rivals = [other for other in article_referents
              if other != meant and set(said) <= set(other) and other[-1] == said[-1]]  # not "Trump campaign"
    return set(said) <= set(meant) and not rivals


def words(name: str) -> tuple[str, ...]:
    """A name as comparable words: "The Clinton campaign's" -> ("clinton", "campaign")."""
    plain = re.sub(r"[’']s?\b", "", unidecode(name).lower())
    tokens = re.findall(r"[a-z0-9]+", plain)
    while tokens and (tokens[0] == "the" or tokens[0] in TITLES):
        tokens = tokens[1:]
    return tuple(tokens)


def _article_referents(referents: pd.DataFrame) -> dict[str, dict[tuple[str, ...], str | None]]:
    """Per article, every referent's words and the gender the gold gives it (None if none does)."""
    found: dict[str, dict[tuple[str, ...], str | None]] = {}
    columns = referents[["article_id", "referent", "referent_gender"]]
    for article_id, referent, gender in columns.itertuples(index=False):
        if pd.isna(referent):
            continue
        known = found.setdefault(article_id, {})
        key = words(referent)
        known[key] = known.get(key) or (None if pd.isna(gender) else gender)
    return found


def _gender_mismatch(row: dict, article_referents: dict[tuple[str, ...], str | None]) -> bool:
    gender = PRONOUN_GENDER.get(str(row["source"]).lower())
    if gender is None or pd.isna(row["speaker"]):
        return False
    said = set(words(row["speaker"]))
    genders = {known for name, known in article_referents.items() if said and said <= set(name) and known}
    return bool(genders) and gender not in genders


def misses(judged: pd.DataFrame, referents: pd.DataFrame) -> pd.DataFrame:
    """Found quotes whose speaker does not name the referent, for reading."""
    table = judge_names(judged, referents)
    wrong = table[table["found"] & ~table["name_right"].fillna(True)]
    return wrong[["article_id", "source_start", "source", "source_kind_read", "referent", "speaker",
                  "speaker_surface", "speaker_resolution", "gender_mismatch"]]
