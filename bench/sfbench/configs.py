"""Random *valid* laptop-sleeve configurations, read from the catalog file.

The catalog's rules are data (`forbid` = a list of conditions that must not all hold at once);
`violates` evaluates them generically, so a rule added to the catalog is honoured here without
writing it twice. Generation is rejection sampling over the catalog's options.
"""
import json
import random
from pathlib import Path

CATALOG_PATH = Path(__file__).resolve().parents[2] / "crates" / "model" / "catalog" / "catalog.json"
PRODUCT = "laptop-sleeve"
# Consonant-only initials: never a word, so the monogram word list can't refuse them.
MONOGRAM_LETTERS = "BCDFGHJKLMNPRSTVWXZ"


class Catalog:
    """The parts of catalog.json a configuration generator needs, indexed by id."""

    def __init__(self, path=CATALOG_PATH):
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        self.raw = raw
        self.product = next(p for p in raw["products"] if p["id"] == PRODUCT)
        self.materials = {m["id"]: m for m in raw["materials"]}
        self.motifs = {m["id"]: m for m in raw["motifs"]}
        self.methods = {m["id"]: m for m in raw["monogram_methods"]}
        # Only placements on this product's parts (the catalog's other products have their own).
        parts = {spec["id"] for spec in self.product["parts"]}
        self.placements = {p["id"]: p for p in raw["placements"] if p["part"] in parts}
        self.fonts = [f["id"] for f in raw["fonts"]]
        self.hardware = [h["id"] for h in raw["hardware"]]
        self.rules = raw["rules"]

    def colour_tags(self, material, colour):
        for c in self.materials[material]["colours"]:
            if c["id"] == colour:
                return c.get("tags") or []
        return []


def _matches(cond, value):
    values = value if isinstance(value, list) else [value]
    if "in" in cond:
        return any(v in cond["in"] for v in values)
    if "not_in" in cond:
        return all(v not in cond["not_in"] for v in values) and bool(values)
    return False


def violates(cat, cfg):
    """Ids of the catalog rules `cfg` breaks (empty = allowed)."""
    mono = cfg.get("monogram")
    facts = {"closure.kind": cfg["closure"]["kind"], "closure.hardware": cfg["closure"]["hardware"]}
    if mono:
        under = cfg["parts"][cat.placements[mono["placement"]]["part"]]
        facts.update({
            "monogram.method": mono["method"], "monogram.font": mono["font"],
            "monogram.placement": mono["placement"], "monogram.material": under["material"],
        })
    broken = []
    for rule in cat.rules:
        conds = rule["forbid"]
        part_conds = [c for c in conds if c["field"].startswith("part.")]
        other = [c for c in conds if not c["field"].startswith("part.")]
        if any(c["field"] not in facts for c in other):
            continue  # the rule is about something this configuration does not have
        if not all(_matches(c, facts[c["field"]]) for c in other):
            continue
        if not part_conds:
            broken.append(rule["id"])
            continue
        for pid, p in cfg["parts"].items():
            pf = {"part.id": pid, "part.material": p["material"], "part.colour": p["colour"],
                  "part.motif": p["motif"]["kind"], "part.colour_tag": cat.colour_tags(p["material"], p["colour"])}
            if all(c["field"] in pf and _matches(c, pf[c["field"]]) for c in part_conds):
                broken.append(rule["id"])
                break
    return broken


def _pick_range(rng, spec, neutral):
    if not spec:
        return neutral
    steps = (spec["max"] - spec["min"]) // spec["step"]
    return spec["min"] + spec["step"] * rng.randint(0, steps)


def _part(cat, rng, spec):
    material = rng.choice(spec["materials"])
    colours = [c["id"] for c in cat.materials[material]["colours"]]
    colour = rng.choice(colours)
    kind = "solid" if rng.random() < 0.55 else rng.choice(spec["motifs"])
    motif = cat.motifs[kind]
    colour2 = rng.choice([c for c in colours if c != colour]) if motif["colour2"] else None
    scale = _pick_range(rng, motif.get("scale"), 100)
    angle = _pick_range(rng, motif.get("angle"), 0)
    return {"material": material, "colour": colour,
            "motif": {"kind": kind, "colour2": colour2, "scale": scale, "angle": angle}}


def random_config(cat, rng):
    """One random configuration that breaks no catalog rule."""
    prod = cat.product
    while True:
        size = rng.choice(prod["sizes"])
        cfg = {
            "schema": 1, "product": prod["id"], "size": size["id"],
            "parts": {spec["id"]: _part(cat, rng, spec) for spec in prod["parts"]},
            "monogram": None,
            "closure": {"kind": rng.choice(prod["closures"]), "hardware": rng.choice(cat.hardware)},
        }
        if rng.random() < 0.4:
            method = rng.choice(list(cat.methods))
            cfg["monogram"] = {
                "text": "".join(rng.choice(MONOGRAM_LETTERS) for _ in range(rng.randint(2, 3))),
                "font": rng.choice(cat.fonts), "method": method,
                "placement": rng.choice(list(cat.placements)),
                "colour": rng.choice(cat.methods[method]["colours"])["id"],
            }
        if not violates(cat, cfg):
            return cfg


def mutate(cat, rng, parent):
    """A fork's configuration: the parent's with one to three choices changed (never none), still
    valid."""
    while True:
        child = json.loads(json.dumps(parent))
        fresh = random_config(cat, rng)
        for _ in range(rng.randint(1, 3)):
            what = rng.random()
            if what < 0.7:
                pid = rng.choice(list(child["parts"]))
                child["parts"][pid] = fresh["parts"][pid]
            elif what < 0.85:
                child["monogram"] = fresh["monogram"]
            else:
                child["closure"] = fresh["closure"]
        # The server refuses a fork identical to its parent (409 same_as_parent).
        if child != parent and not violates(cat, child):
            return child


def default_config(cat):
    """The product's default configuration, as `Configuration::default_for` builds it."""
    d = cat.product["default"]
    parts = {pid: {"material": p["material"], "colour": p["colour"],
                   "motif": {"kind": "solid", "colour2": None, "scale": 100, "angle": 0}}
             for pid, p in d["parts"].items()}
    return {"schema": 1, "product": cat.product["id"], "size": d["size"], "parts": parts,
            "monogram": None, "closure": dict(d["closure"])}


if __name__ == "__main__":
    c = Catalog()
    r = random.Random(1)
    for _ in range(3):
        print(json.dumps(random_config(c, r)))
