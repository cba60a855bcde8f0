"""The mixed workload: what a gallery's visitors ask for, drawn from skewed distributions, with
writes in the same run so the read cache is invalidated as real traffic invalidates it.

- get: pattern ids drawn from a Zipf distribution (s = 1) over every pattern of the data set,
  popularity in random order (not the ids' or the plan's);
- list: every sort the gallery offers (new, popular, trending, forks) with no filter or one
  filter (tag, product, material, colour), Zipf-weighted over the combinations, and pages
  1 to 10 deep (Zipf-weighted), plus page 50 of each unfiltered sort, followed through real
  `next_cursor`s walked before the run;
- search: a word list of at least 1,000 terms made from the data set's own words (English,
  Swedish, Russian): whole words, prefixes, two-word phrases and a few words that match
  nothing, Zipf-weighted, mostly newest first as the gallery asks;
- writes (~5%): publish, fork (of a Zipf-drawn pattern), like (a Zipf-drawn pattern, by one
  of 5,000 visitors) and edit (a title, with the pattern's edit key).

Requests are written one per line, `METHOD<TAB>PATH<TAB>HEADER<TAB>VALUE<TAB>BODY`, for
`bench/wrk/mixed.lua`; the read-only lists (paths) are what the open-loop runs replay.
"""
import bisect
import itertools
import json
import random
import re
from urllib.parse import quote

from .configs import mutate, random_config

SORTS = ["new", "popular", "trending", "forks"]
MIX = {"get": 0.55, "list": 0.20, "search": 0.20, "publish": 0.02, "fork": 0.01, "like": 0.015,
       "edit": 0.005}
WORD = re.compile(r"\w+", re.UNICODE)
MIN_TERMS = 1000


class Zipf:
    """Draws items with probability proportional to 1 / rank^s, ranks in the given order."""

    def __init__(self, items, s=1.0):
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (k + 1) ** s for k in range(len(self.items))))

    def draw(self, rng):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


def search_terms(rows, rng):
    """At least 1,000 search texts from the patterns' own words, most common first."""
    counts, phrases = {}, {}
    for p in rows:
        words = [w.lower() for w in WORD.findall(f"{p['title']} {p['description']} {p['author_name']}")
                 if len(w) > 2 and not w.isdigit()]
        for w in words + [t.lower() for t in p.get("tags", [])]:
            counts[w] = counts.get(w, 0) + 1
        for a, b in zip(words, words[1:]):
            phrases[f"{a} {b}"] = phrases.get(f"{a} {b}", 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    prefixes = sorted({w[:n] for w in words for n in (3, 4, 5, 6) if len(w) > n})
    two = sorted(phrases, key=lambda t: (-phrases[t], t))[:800]
    misses = ["zeppelin", "kvarnsten", "самовар", "quokka", "трамвай", "glasögon", "xylophone", "fjärrkontroll"]
    terms = list(dict.fromkeys(words + two + prefixes + misses))
    if len(terms) < MIN_TERMS:
        raise SystemExit(f"the data set yields only {len(terms)} search terms (< {MIN_TERMS})")
    # Zipf ranks: the most common words first (people search for what they see), the rest shuffled.
    head, tail = terms[:50], terms[50:]
    rng.shuffle(tail)
    return head + tail


def facet_values(rows):
    """Tags, materials and colours present in the data set, most frequent first."""
    seen = {"tag": {}, "material": {}, "color": {}}
    for p in rows:
        for t in p.get("tags", []):
            seen["tag"][t] = seen["tag"].get(t, 0) + 1
        for part in p["config"].get("parts", {}).values():
            seen["material"][part["material"]] = seen["material"].get(part["material"], 0) + 1
            seen["color"][part["colour"]] = seen["color"].get(part["colour"], 0) + 1
    return {k: sorted(v, key=lambda x: -v[x])[:6] for k, v in seen.items()}


def list_queries(rows, product):
    """Every sort with no filter or one filter: query strings, most likely first."""
    facets = facet_values(rows)
    filters = [""] + [f"&product={quote(product)}"] + [
        f"&{kind}={quote(v)}" for kind in ("tag", "material", "color") for v in facets[kind]]
    return [f"sort={s}{f}" for f in filters for s in SORTS]


def walk_cursors(fetch, queries, depth, deep=50, page=20):
    """The paths of pages 1..depth of each query (and page `deep` of the unfiltered sorts),
    by following `next_cursor` through the API once before the run."""
    pages = {}
    for k, q in enumerate(queries):
        want = deep if k < len(SORTS) else depth
        path = f"/api/v1/patterns?{q}&limit={page}"
        for n in range(1, want + 1):
            if n <= depth or n == deep:
                pages.setdefault(q, []).append((n, path))
            body = fetch(path)
            cursor = body.get("next_cursor")
            if not cursor:
                break
            path = f"/api/v1/patterns?{q}&limit={page}&cursor={quote(cursor)}"
    return pages


class Workload:
    """Draws mixed requests. `rows` are the loaded patterns (with edit keys) in plan order."""

    def __init__(self, rows, pages, terms, cat, seed):
        self.rng = random.Random(seed)
        self.rows, self.cat = rows, cat
        order = list(range(len(rows)))
        self.rng.shuffle(order)
        self.ids = Zipf(order)  # plan indexes, most popular first
        self.queries = Zipf(list(pages))
        self.pages = {q: Zipf(v) for q, v in pages.items()}
        self.terms = Zipf(terms)
        self.kinds = list(MIX)
        self.cum = list(itertools.accumulate(MIX.values()))
        self.n = 0

    def get_path(self):
        return f"/api/v1/patterns/{self.rows[self.ids.draw(self.rng)]['id']}"

    def list_path(self):
        q = self.queries.draw(self.rng)
        return self.pages[q].draw(self.rng)[1]

    def search_path(self):
        sort = "" if self.rng.random() < 0.8 else f"&sort={self.rng.choice(SORTS[1:])}"
        return f"/api/v1/patterns?q={quote(self.terms.draw(self.rng))}{sort}&limit=20"

    def line(self):
        """One request of the mix as a line for mixed.lua."""
        kind = self.kinds[bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])]
        self.n += 1
        if kind in ("get", "list", "search"):
            return f"GET\t{getattr(self, kind + '_path')()}\t\t\t"
        if kind == "like":
            pid = self.rows[self.ids.draw(self.rng)]["id"]
            return f"POST\t/api/v1/patterns/{pid}/like\tX-Visitor-Id\tmixed-{self.rng.randrange(5000):05d}\t"
        if kind == "edit":
            p = self.rows[self.rng.randrange(len(self.rows))]
            body = json.dumps({"title": f"Edited {self.n}"})
            return f"PATCH\t/api/v1/patterns/{p['id']}\tAuthorization\tBearer {p['edit_key']}\t{body}"
        body = {"title": f"Mixed {kind} {self.n}", "description": "Published during the mixed run.",
                "tags": ["bench"], "author_name": "Bench", "config": random_config(self.cat, self.rng)}
        if kind == "fork":
            parent = self.rows[self.ids.draw(self.rng)]
            body["parent_id"] = parent["id"]
            body["config"] = mutate(self.cat, self.rng, parent["config"])
        return f"POST\t/api/v1/patterns\t\t\t{json.dumps(body, ensure_ascii=False, separators=(',', ':'))}"
