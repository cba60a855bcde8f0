"""A deterministic data set of patterns with real fork families, as JSON lines.

Shape (for N = 100,000): one family of 10,000 descendants under one root, one chain 1,000 deep,
and the rest in many families whose sizes follow a heavy tail (most patterns alone or with a few
forks, some families of a few hundred, some chain-like and deep). Each record names its parent by
index; parents always come before children, in a realistic interleaved publishing order.

    python3 -m sfbench.plan --count 100000 --seed 7 --out plan.jsonl
"""
import argparse
import json
import random
import sys

from .configs import Catalog, mutate, random_config

BIG_FAMILY = 10_000
CHAIN_DEPTH = 1_000
MAX_FAMILY = 400

ADJECTIVES = ["quiet", "bold", "minimal", "classic", "weekend", "commuter", "studio", "vintage", "urban",
              "coastal", "nordic", "autumn", "midnight", "sunny", "rugged", "soft", "bright", "modern"]
NOUNS = ["sleeve", "carry", "cover", "companion", "case", "wrap", "pouch", "folio"]
THEMES = ["herringbone", "saffron", "travel", "office", "gift", "tartan", "leather", "felt", "canvas",
          "stripes", "monogram", "navy", "forest", "cognac", "dots", "chevron", "neon", "ink"]
SV = ["Höstfodral för pendling", "Enkel grå filt", "Fiskben i saffran", "Resefodral med monogram",
      "Mörkblått och läder", "Present till pappa"]
RU = ["Осенний чехол", "Чехол в ёлочку", "Подарок для мамы", "Строгий серый фетр", "Дорожный чехол"]
SENTENCES = [
    "Made for a {a} {t} look that survives the daily commute.",
    "I wanted {t} without it feeling loud, so the lining stays calm.",
    "A {a} take on {t}, with the trim picked to match my bag.",
    "Forked to try {t} on the back panel; the front is unchanged.",
    "Gift for a friend who loves {t} and anything {a}.",
    "The {t} works best at the larger scale, in my opinion.",
    "Tested with a 14 inch laptop: snug, {a}, and easy to clean.",
]
TAGS = ["work", "travel", "gift", "minimal", "colourful", "leather", "felt", "canvas", "nylon",
        "monogram", "stripes", "herringbone", "tartan", "dots", "vegan", "recycled", "dark", "light",
        "student", "office", "weekend", "classic", "bold", "nordic"]
FIRST = ["Anna", "Erik", "Maja", "Lars", "Sofia", "Jonas", "Ella", "Oskar", "Lena", "Nils", "Mira",
         "Tom", "Sara", "Dmitri", "Olga", "Åsa", "Björn", "Ирина", "Сергей", "Chloé", "José", "Noor"]
LAST = ["Berg", "Lind", "Novak", "Ivanova", "Smith", "García", "Öberg", "Kim", "Haddad", "Müller"]


def _text(rng, parent):
    if parent is not None and rng.random() < 0.35:
        title = f"{parent['title'][:60]} ({rng.choice(THEMES)} remix)"
    elif rng.random() < 0.12:
        title = rng.choice(SV + RU)
    else:
        title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(THEMES)} {rng.choice(NOUNS)}"
    desc = " ".join(rng.choice(SENTENCES).format(a=rng.choice(ADJECTIVES), t=rng.choice(THEMES))
                    for _ in range(rng.randint(1, 3)))
    tags = sorted(set(rng.sample(TAGS, rng.randint(1, 4))))
    author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return title, desc, tags, author


def _likes(rng):
    # Sparse and heavy-tailed: most patterns have none, a few have hundreds.
    return 0 if rng.random() < 0.9 else min(200, int(rng.paretovariate(1.2)))


def _family_shape(rng, size, chain_bias):
    """Parent offsets (within the family) for `size` members; member 0 is the root."""
    parents = [None]
    for k in range(1, size):
        if rng.random() < chain_bias:
            parents.append(k - 1)
        else:  # bushy: early members are forked more often
            parents.append(int(k * rng.random() ** 2))
    return parents


def family_sizes(rng, count):
    sizes = [BIG_FAMILY + 1, CHAIN_DEPTH + 1]
    left = count - sum(sizes)
    while left > 0:
        s = 1 if rng.random() < 0.45 else min(MAX_FAMILY, int(rng.paretovariate(1.1)) + 1)
        s = min(s, left)
        sizes.append(s)
        left -= s
    return sizes


def build(count, seed):
    rng = random.Random(seed)
    cat = Catalog()
    nodes = []  # (time, family, offset, parent_offset)
    sizes = family_sizes(rng, count)
    shapes = []
    for fam, size in enumerate(sizes):
        bias = 1.0 if fam == 1 else (0.8 if rng.random() < 0.05 else 0.15)
        shape = _family_shape(rng, size, bias)
        shapes.append(shape)
        times = []
        for off, p in enumerate(shape):
            t = rng.uniform(0, 1000) if p is None else times[p] + rng.expovariate(1 / 20)
            times.append(t)
            nodes.append((t, fam, off, p))
    nodes.sort(key=lambda n: n[0])  # a child's time is after its parent's: order stays topological
    index_of = {}
    records = []
    for i, (_t, fam, off, p) in enumerate(nodes):
        index_of[(fam, off)] = i
        parent = None if p is None else records[index_of[(fam, p)]]
        title, desc, tags, author = _text(rng, parent)
        config = random_config(cat, rng) if parent is None else mutate(cat, rng, parent["config"])
        records.append({"i": i, "parent": None if parent is None else parent["i"], "family": fam,
                        "title": title, "description": desc, "tags": tags, "author_name": author,
                        "config": config, "likes": _likes(rng)})
    return records, {"big_family_root": index_of[(0, 0)], "chain_root": index_of[(1, 0)],
                     "chain_tip": index_of[(1, CHAIN_DEPTH)], "families": len(sizes)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.count < BIG_FAMILY + CHAIN_DEPTH + 2:
        sys.exit(f"--count must be at least {BIG_FAMILY + CHAIN_DEPTH + 2}")
    records, marks = build(a.count, a.seed)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"meta": marks, "count": len(records), "seed": a.seed}) + "\n")
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"plan: {len(records)} patterns in {marks['families']} families -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
