"""Score the parsers on the development set (fixtures/devset): talk recall and precision and
per-field accuracy over matched talks, per split (dev / dev2 / heldout) and kind, plus pages/s of
the generic parser.

    .venv/bin/python benchmarks/devset_bench.py [--split NAME|all] [--show] [--check]

`--check` only validates the expected files of the split (no parser runs): use it on a
held-back split while building it, so its figures stay unseen until they are reported.

Each item is parsed with the context a configured source would give it (url, timezone,
institution, observed_at for feeds), by the site named by its `kind`. A kind with no
registered parser yet is reported as "no parser". Talks are matched one to one, greedily
by score: same date (or both undated) and speaker-surname or title similarity.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "fixtures" / "devset"
FIELDS = ("date", "start", "end", "title", "speakers", "affiliation", "location", "host",
          "has_abstract")


# the project's clean text uses plain quotes (normalize/text.py), so typographic ones compare
# equal to them
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _norm(s):
    s = re.sub(r"\s+([,;:])", r"\1", str(s or ""))  # "Institute (HRI) , Town": a space is no fact
    # nor is a closing full stop ("& Co." / "& Co")
    return " ".join(s.casefold().translate(_QUOTES).split()).rstrip(".") or None


def _field(t: dict, name: str):
    if name == "speakers":
        return sorted(_norm(s["name"]) for s in t["speakers"])
    if name == "affiliation":
        return sorted(_norm(s.get("affiliation")) or "" for s in t["speakers"])
    if name == "has_abstract":
        return bool(t.get("abstract"))
    if name in ("title", "location", "host"):
        return _norm(t.get(name))
    return t.get(name)


def _sim(a, b) -> float:
    a, b = _norm(a) or "", _norm(b) or ""
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _pair_score(got: dict, want: dict) -> float:
    if got.get("date") != want.get("date"):
        return 0.0
    names_g = {(_norm(s["name"]) or "").split()[-1] for s in got["speakers"] if s["name"].split()}
    names_w = {(_norm(s["name"]) or "").split()[-1] for s in want["speakers"] if s["name"].split()}
    title = _sim(got.get("title"), want.get("title"))
    if not names_w and not names_g:
        # a talk whose page names no speaker (an Indico contribution, a feed's bare event) is
        # known by its date and title alone
        return title if title >= 0.8 else 0.0
    score = (0.6 if names_g & names_w else 0.0) + 0.4 * title
    # the same date and (almost) the same title is the same talk even when one side lost the
    # speaker: that loss then counts against the speakers field, not as a talk not found
    return score if score >= 0.5 or title >= 0.9 else 0.0


def match(got: list[dict], want: list[dict]) -> list[tuple[dict, dict]]:
    pairs = sorted(((_pair_score(g, w), i, j) for i, g in enumerate(got)
                    for j, w in enumerate(want)), reverse=True)
    used_g, used_w, out = set(), set(), []
    for score, i, j in pairs:
        if score <= 0 or i in used_g or j in used_w:
            continue
        used_g.add(i)
        used_w.add(j)
        out.append((got[i], want[j]))
    return out


def load_items(split: str, only: str = ""):
    for exp in sorted(DEVSET.glob("*/*.expected.json")):
        if only not in exp.name:
            continue
        want = json.loads(exp.read_text())
        if split != "all" and want["split"] != split:
            continue
        stem = exp.name.removesuffix(".expected.json")
        page = next(p for p in exp.parent.iterdir() if p.name.startswith(stem + ".")
                    and not p.name.endswith(".expected.json"))
        yield exp, page, want


TALK_KEYS = {"title", "speakers", "date", "start", "end", "timezone", "location", "status",
             "abstract", "host", "talk_type", "series", "institution", "source_url"}


def check(split: str) -> int:
    """Validate expected files: keys, ISO dates and times with offsets, speakers' shape."""
    from datetime import date, datetime

    bad = items = talks = 0
    for exp, page, want in load_items(split):
        items += 1
        errs = [f"missing {k}" for k in ("url", "kind", "timezone", "institution", "split")
                if k not in want]
        for i, t in enumerate(want.get("talks", [])):
            talks += 1
            errs += [f"talk {i}: missing {k}" for k in sorted(TALK_KEYS - t.keys())]
            try:
                if t.get("date"):
                    date.fromisoformat(t["date"])
                for k in ("start", "end"):
                    if t.get(k) and datetime.fromisoformat(t[k]).tzinfo is None:
                        errs.append(f"talk {i}: {k} has no UTC offset")
            except ValueError as e:
                errs.append(f"talk {i}: {e}")
            for s in t.get("speakers", []):
                if not isinstance(s, dict) or not s.get("name"):
                    errs.append(f"talk {i}: speaker without a name: {s!r}")
        if not page.exists():
            errs.append("page file missing")
        for e in errs:
            print(f"{exp.name}: {e}")
        bad += bool(errs)
    print(f"{items} items, {talks} talks, {bad} with problems")
    return 1 if bad else 0


def run(split: str, show: bool, only: str = "") -> dict:
    from seminars.context import ParseContext
    from seminars.errors import UnknownSiteError
    from seminars.scrapers.registry import get_site, parse_page

    stats: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    timing: dict = defaultdict(float)
    for _exp, page, want in load_items(split, only):
        kind, sp = want["kind"], want["split"]
        s = stats[sp][kind]
        s["items"] += 1
        s["want"] += len(want["talks"])
        try:
            get_site(kind)
        except UnknownSiteError:
            s["no_parser"] += 1
            continue
        ctx_keys = {"url": want["url"], "timezone": want["timezone"],
                    "institution": want["institution"]}
        if want.get("observed_at"):
            ctx_keys["observed_at"] = want["observed_at"]
        body = page.read_bytes()
        t0 = time.perf_counter()
        try:
            got = [t.to_dict() for t in parse_page(body, site=kind, ctx=ParseContext(**ctx_keys)).talks]
        except Exception as e:  # one bad item must not hide the others' figures
            s["errors"] += 1
            print(f"{page.name}: {type(e).__name__}: {e}", file=sys.stderr)
            got = []
        timing[kind] += time.perf_counter() - t0
        s["got"] += len(got)
        pairs = match(got, want["talks"])
        s["matched"] += len(pairs)
        for g, w in pairs:
            for f in FIELDS:
                ok = _field(g, f) == _field(w, f)
                s[f"ok_{f}"] += ok
                if show and not ok:
                    print(f"  {page.name}: {f}: got {_field(g, f)!r} want {_field(w, f)!r}")
        if show and (len(pairs) < len(want["talks"]) or len(pairs) < len(got)):
            print(f"  {page.name}: {len(got)} found, {len(want['talks'])} expected, "
                  f"{len(pairs)} matched")
    timing["pages"] = sum(v["items"] - v["no_parser"] for sp in stats.values()
                          for k, v in sp.items() if k == "generic")
    return {"stats": stats, "timing": timing}


def report(result: dict) -> None:
    stats = result["stats"]
    for sp in sorted(stats):
        print(f"\n== split: {sp}")
        print(f"{'kind':8} {'items':>5} {'talks':>5} {'found':>5} {'recall':>7} {'precis':>7} "
              f"{'fields':>7}  per field")
        for kind in sorted(stats[sp]):
            s = stats[sp][kind]
            if s["no_parser"] == s["items"]:
                print(f"{kind:8} {s['items']:5} {s['want']:5}   no parser")
                continue
            rec = s["matched"] / s["want"] if s["want"] else 1.0
            prec = s["matched"] / s["got"] if s["got"] else (1.0 if not s["want"] else 0.0)
            total = sum(s[f"ok_{f}"] for f in FIELDS)
            acc = total / (s["matched"] * len(FIELDS)) if s["matched"] else 0.0
            per = " ".join(f"{f}={s[f'ok_{f}'] / s['matched']:.2f}" if s["matched"] else f"{f}=-"
                           for f in FIELDS)
            extra = f" ({s['errors']} errors)" if s["errors"] else ""
            print(f"{kind:8} {s['items']:5} {s['want']:5} {s['got']:5} {rec:7.1%} {prec:7.1%} "
                  f"{acc:7.1%}  {per}{extra}")
    t = result["timing"]
    if t.get("generic") and t["pages"]:
        print(f"\ngeneric: {t['pages']} pages in {t['generic']:.3f} s = "
              f"{t['pages'] / t['generic']:.0f} pages/s (first parse includes imports)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    splits = sorted({json.loads(p.read_text())["split"]
                     for p in DEVSET.glob("*/*.expected.json")})
    ap.add_argument("--split", choices=(*splits, "all"), default="dev")
    ap.add_argument("--show", action="store_true", help="print every miss")
    ap.add_argument("--check", action="store_true",
                    help="validate the split's expected files without parsing anything")
    ap.add_argument("--only", default="", metavar="TEXT", help="items whose file name holds TEXT")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.check:
        sys.exit(check(args.split))
    report(run(args.split, args.show, args.only))


if __name__ == "__main__":
    main()
