"""Checks gold.json against articles/ (standard library only). Exit 1 on any error.

- front matter: keys title/source/url/published, published a day or null and equal to the gold's `published`;
- every actor alias, event actor alias, quote text, evidence, also_mention and date_text is a verbatim substring of
  its article body, at the offsets given (quote `start`, event `evidence_start`);
- every double-quoted stretch of a body has a gold quote (and every gold quote starts at one); quote text is the first
  40 characters inside the marks (cut at the closing mark); quotes of four words or fewer are optional;
- quoted speakers are actors of the article, `speaker_aliases` are that actor's aliases, and each speaker can be
  recognised from one of its aliases by a lenient word match (words of 4+ letters, minus generic words and the
  actor's exclude_words);
- event indices, types, subtypes, dates (formats, intervals, date_expect_null only in undated articles, every
  required event in a dated article has a date interval), one entry per real_event per article;
- merges.same is exactly the set of cross-article event pairs sharing a real_event (optional when either event is);
  merges.must_not pairs are required events of different, non-ambiguous clusters; ambiguous clusters exist;
- if PyYAML can be imported, gold.yml loads to the same data as gold.json.
Run: python3 check_gold.py
"""
import itertools
import json
import pathlib
import re
import sys
import unicodedata
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
ART = HERE / "articles"
TYPES = {"export_suspension", "approval_requirement", "resumption", "accusation", "denial",
         "domestic_reservation", "offer_to_sell", "sanctions_demand", "sanctions_refusal", "other"}
SUBTYPES = {"refusal", "revocation"}
MODALITIES = {"announced", "enacted", "ordered", "alleged", "denied"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ABS = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
GENERIC = {
    "minister", "ministers", "foreign", "secretary", "defence", "defense", "president", "prime", "chancellor",
    "trade", "government", "office", "federal", "department", "statement", "senior", "state", "states",
    "united", "german", "british", "dutch", "canadian", "french", "swiss", "israeli", "administration",
    "affairs", "economic", "national", "council", "with", "that", "from", "this", "said",
}


def body_of(path):
    t = path.read_text(encoding="utf-8")
    if not t.startswith("---\n"):
        raise ValueError("no front matter")
    end = t.index("\n---\n", 4)
    meta = {}
    for line in t[4:end].split("\n"):
        k, sep, v = line.partition(": ")
        if not sep:
            raise ValueError(f"front matter line {line!r}")
        meta[k] = None if v == "null" else (json.loads(v) if v.startswith('"') else v)
    body = t[end + 5:]
    if not body.startswith("\n"):
        raise ValueError("no blank line after the front matter")
    return meta, body[1:]


def quote_spans(body):
    """(start, end) of every double-quoted stretch (start just inside the opening mark; end at the closing mark, or
    where the next quotation opens / the text ends for a quotation never closed). A curly open mark followed by a
    non-space, or a straight mark after a space, line start or bracket, opens; inside a quotation any double mark
    closes, except one that opens a new quotation after a space (the previous one was never closed)."""
    out, start, n = [], None, len(body)
    for m in re.finditer(r"[“”\"]", body):
        i, c = m.start(), m.group()
        prev = body[i - 1] if i else "\n"
        nxt = body[i + 1] if i + 1 < n else "\n"
        opener = (c == "“" and not nxt.isspace()) or (
            c == '"' and (prev.isspace() or prev in "([") and not nxt.isspace())
        if start is None:
            if opener:
                start = i + 1
            continue
        if opener and (prev.isspace() or prev in "(["):
            out.append((start, i))
            start = i + 1
            continue
        out.append((start, i))
        start = None
    if start is not None:
        out.append((start, n))
    return out


def fold(s):
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})).lower()


def words(s):
    return {w for w in re.findall(r"[a-z0-9]+", fold(s)) if len(w) >= 4}


def actor_words(name, aliases, exclude=()):
    base = re.sub(r"\([^)]*\)", " ", name or "")
    ws = set(words(base)) - GENERIC or set(words(base))
    for al in aliases or []:
        aw = words(al)
        ws |= aw if len(aw) == 1 else (aw - GENERIC)
    return ws - {fold(x) for x in exclude}


def main():
    errors = []
    err = errors.append
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    if set(gold) != {"about", "articles", "merges", "contradictions_info"}:
        err(f"top-level keys {sorted(gold)}")
    arts = gold["articles"]
    on_disk = sorted(p.name for p in ART.glob("*.txt"))
    if on_disk != sorted(a["file"] for a in arts):
        err(f"articles/ and gold disagree: {sorted(set(on_disk) ^ {a['file'] for a in arts})}")
    by_file = {a["file"]: a for a in arts}
    for a in arts:
        f = a["file"]
        try:
            meta, body = body_of(ART / f)
        except Exception as ex:  # noqa: BLE001
            err(f"{f}: {ex}")
            continue
        if list(meta) != ["title", "source", "url", "published"]:
            err(f"{f}: front matter keys {list(meta)}")
        pub = meta.get("published")
        if pub is not None and not DAY.match(pub):
            err(f"{f}: published {pub!r}")
        if a.get("published") != pub:
            err(f"{f}: gold published {a.get('published')!r} != front matter {pub!r}")
        names = {}
        for act in a["actors"]:
            names[act["name"]] = act
            for al in act["aliases"]:
                if al not in body:
                    err(f"{f}: alias {al!r} of {act['name']!r} not in body")
            for w in act.get("exclude_words", []):
                if w != w.lower():
                    err(f"{f}: exclude_words must be lower case ({w!r})")
        spans = dict(quote_spans(body))
        seen = set()
        for q in a["quotes"]:
            s, t = q["start"], q["text"]
            if s not in spans:
                err(f"{f}: quote at {s} ({t!r}) is not at a quote opening")
                continue
            seen.add(s)
            end = spans[s]
            want = body[s:min(s + 40, end)].rstrip()
            if t != want or body[s:s + len(t)] != t:
                err(f"{f}: quote text {t!r} != {want!r}")
            if len(body[s:end].split()) <= 4 and not q.get("optional"):
                err(f"{f}: quote {t!r} has four words or fewer but is not optional")
            sp = q.get("speaker")
            if sp is not None:
                if sp not in names:
                    err(f"{f}: quote speaker {sp!r} is not an actor")
                    continue
                if q.get("speaker_aliases") != names[sp]["aliases"]:
                    err(f"{f}: speaker_aliases of {t!r} differ from the actor's aliases")
                gw = actor_words(sp, names[sp]["aliases"], names[sp].get("exclude_words", []))
                if not any(words(al) & gw for al in names[sp]["aliases"]):
                    err(f"{f}: speaker {sp!r} cannot be recognised from its aliases")
        for s, _ in spans.items():
            if s not in seen:
                err(f"{f}: quotation at {s} has no gold quote: {body[s:s + 40]!r}")
        clusters = Counter()
        for k, e in enumerate(a["events"]):
            tag = f"{f} ev{k}"
            if e.get("index") != k:
                err(f"{tag}: index {e.get('index')}")
            if e["type"] not in TYPES:
                err(f"{tag}: type {e['type']!r}")
            if e.get("subtype") and e["subtype"] not in SUBTYPES:
                err(f"{tag}: subtype {e['subtype']!r}")
            for t in e.get("type_alternatives", []):
                if t not in TYPES:
                    err(f"{tag}: type alternative {t!r}")
            if e.get("modality") is not None and e["modality"] not in MODALITIES:
                err(f"{tag}: modality {e['modality']!r}")
            if not e.get("optional") and e.get("modality") is None:
                err(f"{tag}: required event without modality")
            if e["type"] == "other" and not e.get("note"):
                err(f"{tag}: 'other' needs a note")
            if not e.get("real_event"):
                err(f"{tag}: no real_event")
            clusters[e["real_event"]] += 1
            if e["evidence"] not in body:
                err(f"{tag}: evidence not in body {e['evidence']!r}")
            elif body.find(e["evidence"]) != e.get("evidence_start"):
                err(f"{tag}: evidence_start {e.get('evidence_start')} != {body.find(e['evidence'])}")
            if e.get("date_text") and e["date_text"] not in body:
                err(f"{tag}: date_text {e['date_text']!r}")
            for al in e.get("actor_aliases", []):
                if al not in body:
                    err(f"{tag}: actor alias {al!r}")
            for mm in e.get("also_mentions", []):
                if mm["evidence"] not in body:
                    err(f"{tag}: also_mention {mm['evidence']!r}")
                if mm.get("date_text") and mm["date_text"] not in body:
                    err(f"{tag}: also_mention date_text {mm['date_text']!r}")
            iv = e.get("date_interval")
            if iv is not None and (len(iv) != 2 or not all(x is None or DAY.match(x) for x in iv)
                                   or (None not in iv and iv[0] > iv[1])):
                err(f"{tag}: date_interval {iv!r}")
            if e.get("date_abs") is not None and not ABS.match(e["date_abs"]):
                err(f"{tag}: date_abs {e['date_abs']!r}")
            if e.get("date_expect_null") and (pub is not None or iv is not None):
                err(f"{tag}: date_expect_null needs an undated article and no interval")
            if not e.get("optional"):
                if pub is None and not e.get("date_expect_null"):
                    err(f"{tag}: undated article: a required event must expect no date")
                if pub is not None and iv is None:
                    err(f"{tag}: required event in a dated article without date_interval")
        for rid, c in clusters.items():
            if c > 1:
                err(f"{f}: cluster {rid} used {c} times (one entry per real-world event per article)")

    def ev(ref):
        a = by_file.get(ref["file"])
        if a is None or not (0 <= ref["event"] < len(a["events"])):
            err(f"bad event reference {ref}")
            return None
        return a["events"][ref["event"]]

    members = {}
    for a in arts:
        for e in a["events"]:
            members.setdefault(e["real_event"], []).append((a["file"], e["index"], bool(e.get("optional"))))
    want = set()
    for rid, ms in members.items():
        for (f1, i1, o1), (f2, i2, o2) in itertools.combinations(ms, 2):
            if f1 != f2:
                want.add((frozenset([(f1, i1), (f2, i2)]), rid, o1 or o2))
    got = set()
    for p in gold["merges"]["same"]:
        e1, e2 = ev(p["a"]), ev(p["b"])
        if e1 is None or e2 is None:
            continue
        if e1["real_event"] != p["real_event"] or e2["real_event"] != p["real_event"]:
            err(f"same pair {p} does not share its real_event")
        pair = frozenset([(p["a"]["file"], p["a"]["event"]), (p["b"]["file"], p["b"]["event"])])
        got.add((pair, p["real_event"], p["optional"]))
    if got != want:
        err(f"merges.same differs from the shared real_event pairs: missing {len(want - got)}, extra {len(got - want)}")
    amb = {frozenset(p) for p in gold["merges"]["ambiguous_clusters"]}
    for p in gold["merges"]["ambiguous_clusters"]:
        for c in p:
            if c not in members:
                err(f"ambiguous cluster {c!r} is used by no event")
    for p in gold["merges"]["must_not"]:
        e1, e2 = ev(p["a"]), ev(p["b"])
        if e1 is None or e2 is None:
            continue
        if e1["real_event"] == e2["real_event"] or frozenset((e1["real_event"], e2["real_event"])) in amb:
            err(f"must_not pair in one cluster or an ambiguous pair: {p}")
        if e1.get("optional") or e2.get("optional"):
            err(f"must_not pair with an optional event: {p}")
        if not p.get("why"):
            err(f"must_not pair without why: {p}")
    for c in gold["contradictions_info"]:
        for fn in c["files"]:
            if fn not in by_file:
                err(f"contradiction names unknown file {fn}")
    try:
        import yaml  # optional: only to compare gold.yml with gold.json
    except ImportError:
        yaml = None
    if yaml is not None and (HERE / "gold.yml").exists() \
            and yaml.safe_load((HERE / "gold.yml").read_text(encoding="utf-8")) != gold:
        err("gold.yml and gold.json differ")

    if errors:
        print("\n".join(errors))
        print(f"FAILED: {len(errors)} error(s)")
        sys.exit(1)
    nq = sum(not q["optional"] for a in arts for q in a["quotes"])
    nqo = sum(bool(q["optional"]) for a in arts for q in a["quotes"])
    ne = sum(not e["optional"] for a in arts for e in a["events"])
    neo = sum(bool(e["optional"]) for a in arts for e in a["events"])
    same = gold["merges"]["same"]
    print(f"ok: {len(arts)} articles, quotes {nq}+{nqo} optional, events {ne}+{neo} optional, "
          f"same pairs {sum(not p['optional'] for p in same)}+{sum(bool(p['optional']) for p in same)} optional, "
          f"must-not pairs {len(gold['merges']['must_not'])}, "
          f"ambiguous cluster pairs {len(gold['merges']['ambiguous_clusters'])}")
    req = Counter(e["type"] + ("/" + e["subtype"] if e.get("subtype") else "")
                  for a in arts for e in a["events"] if not e["optional"])
    opt = Counter(e["type"] for a in arts for e in a["events"] if e["optional"])
    print("required events by type:", dict(sorted(req.items())))
    print("optional events by type:", dict(sorted(opt.items())))
    for a in arts:
        print(a["file"][:2], "q", sum(not q["optional"] for q in a["quotes"]), "+",
              sum(bool(q["optional"]) for q in a["quotes"]),
              "e", sum(not e["optional"] for e in a["events"]), "+", sum(bool(e["optional"]) for e in a["events"]))


if __name__ == "__main__":
    main()
