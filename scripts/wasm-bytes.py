#!/usr/bin/env python3
"""Where the web app's wasm bytes are: code size per crate and the largest functions.

Reads the linked wasm before wasm-bindgen and wasm-opt (it still has its name section):
    scripts/wasm-bytes.py "$STITCHFORK_CACHE/target-wasm/wasm32-unknown-unknown/release/stitchfork-web.wasm" [TOP]

A generic function is counted for the first of our crates (stitchfork_*) its mangled name
mentions, since that is the code that made the compiler instantiate it (a `reactive_graph` memo
of a customizer closure counts for `stitchfork_web`); anything else for the first crate named.
Sizes are raw body bytes before wasm-opt, so they rank, not predict, the shipped gzip bytes.
No dependencies beyond Python 3.
"""
import collections
import re
import sys


def leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def skip_name(data, i):
    length, i = leb(data, i)
    return i + length


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, i, size
        i += size


def imported_functions(data, off):
    count, i = leb(data, off)
    functions = 0
    for _ in range(count):
        i = skip_name(data, skip_name(data, i))
        kind = data[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(data, i)
            functions += 1
        elif kind in (1, 2):  # table (reftype + limits) or memory (limits)
            if kind == 1:
                i += 1
            flags, i = leb(data, i)
            _, i = leb(data, i)
            if flags & 1:
                _, i = leb(data, i)
        elif kind == 3:  # global: valtype + mutability
            i += 2
    return functions


def function_names(data, off, size):
    i = skip_name(data, off)
    names = {}
    while i < off + size:
        sub = data[i]
        length, i = leb(data, i + 1)
        end = i + length
        if sub == 1:
            count, i = leb(data, i)
            for _ in range(count):
                index, i = leb(data, i)
                length, i = leb(data, i)
                names[index] = data[i : i + length].decode("utf8", "replace")
                i += length
        i = end
    return names


def crates_named(name):
    # v0 mangling names a crate as C<disambiguator>_<len><ident>.
    return [m.group(2)[: int(m.group(1))] for m in re.finditer(r"(?=C[0-9A-Za-z]*_(\d+)([A-Za-z_]\w*))", name)]


def module_of(name, crate):
    """The first one or two path segments after `crate` in a mangled name, e.g. `pages::gallery`."""
    at = name.find(f"{len(crate)}{crate}")
    rest = name[at + len(str(len(crate))) + len(crate) :] if at >= 0 else ""
    parts = []
    while len(parts) < 2:
        n = re.match(r"\d+", rest)
        if not n:
            break
        length = int(n.group(0))
        parts.append(rest[n.end() : n.end() + length])
        rest = rest[n.end() + length :]
    if not parts:
        return "(generics instantiated here)"
    return "::".join(parts) if parts[0] in ("pages", "components", "render", "catalog") else parts[0]


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    imports, names, bodies, data_bytes = 0, {}, [], 0
    for sid, off, size in sections(data):
        if sid == 2:
            imports = imported_functions(data, off)
        elif sid == 10:
            count, i = leb(data, off)
            for _ in range(count):
                length, j = leb(data, i)
                bodies.append(length + j - i)
                i = j + length
        elif sid == 11:
            data_bytes = size
        elif sid == 0 and data[off + 1 : off + 5] == b"name":
            names = function_names(data, off, size)
    code = sum(bodies)
    by_crate = collections.Counter()
    by_module = collections.Counter()
    functions = []
    for index, size in enumerate(bodies):
        name = names.get(imports + index, "?")
        named = crates_named(name)
        ours = [c for c in named if c.startswith("stitchfork")]
        owner = ours[0] if ours else (named[0] if named else name.split(":")[0][:24])
        # wasm-bindgen's describe functions are read and removed by wasm-bindgen itself.
        owner = "(wasm-bindgen descriptors, removed)" if "__wbindgen_describe" in name else owner
        by_crate[owner] += size
        if owner.startswith("stitchfork"):
            by_module[f"{owner}::{module_of(name, owner)}"] += size
        functions.append((size, name))
    print(f"code {code} bytes in {len(bodies)} functions; data segments {data_bytes} bytes")
    print(f"{'bytes':>9} {'share':>6}  crate")
    for crate, size in by_crate.most_common(top):
        print(f"{size:9d} {100 * size / code:5.1f}%  {crate}")
    print(f"\nour crates by module\n{'bytes':>9} {'share':>6}  module")
    for module, size in by_module.most_common(top):
        print(f"{size:9d} {100 * size / code:5.1f}%  {module}")
    print(f"\nlargest functions\n{'bytes':>9}  name")
    for size, name in sorted(functions, reverse=True)[:top]:
        print(f"{size:9d}  {name[:140]}")


if __name__ == "__main__":
    main()
