#!/usr/bin/env python3
"""Regenerate the generated block of data/countries.txt from the shared TSV.

    python3 tools/make_countries.py [TSV] [OUTPUT]

TSV defaults to ../shared/lexicons/countries.tsv (ISO 3166-1 codes and names,
facts; CIA World Factbook nationalities, public domain), OUTPUT to
data/countries.txt. Only the lines between the BEGIN/END GENERATED markers
are rewritten; the hand-written block before them is kept and overrides the
generated one: a key it already has is not generated again (for example
"dutch" -> Netherlands rather than Aruba, "korean" -> South Korea).
Standard library only; run by hand and commit the result.

Values: 1 = country name, 2 = demonym adjective, 3 = demonym noun (singular
and plural). Text: the canonical short English name (CANONICAL below, else
the Factbook short name, else the ISO name). All country names come before
all adjectives, and those before all nouns, so "Singapore" stays a country
although it is also Singapore's adjective.
"""
import os
import sys

from data_blocks import read_around, write_around
import unicodedata

# Canonical names where the short common name used in news differs from the
# Factbook/ISO forms in the TSV.
CANONICAL = {
    "BN": "Brunei", "BS": "Bahamas", "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CI": "Ivory Coast", "CV": "Cape Verde", "CZ": "Czech Republic",
    "DO": "Dominican Republic", "FK": "Falkland Islands", "FM": "Micronesia",
    "GB": "United Kingdom", "GM": "Gambia", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "MK": "North Macedonia",
    "MM": "Myanmar", "MO": "Macau", "NL": "Netherlands", "PN": "Pitcairn Islands",
    "PS": "Palestine", "RU": "Russia", "SH": "Saint Helena", "SY": "Syria",
    "TL": "East Timor", "TR": "Turkey", "TW": "Taiwan", "TZ": "Tanzania",
    "US": "United States", "VE": "Venezuela", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "VN": "Vietnam", "BO": "Bolivia",
}

# Single-word names left out because, standing alone, they are far more often
# part of another name or an ordinary word ("New Jersey", "jersey").
SKIP_KEYS = {"jersey", "the dominican", "dominican"}

BEGIN = "# BEGIN GENERATED (tools/make_countries.py from countries.tsv; do not edit by hand)"
END = "# END GENERATED"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

INVARIANT = ("ese", "ss", "ish", "ch", "sh", "x", "s")


def plural(noun):
    """English plural of a nationality noun ("Briton" -> "Britons")."""
    low = noun.lower()
    if low.endswith(("shman", "chman", "xman", "woman")):  # Frenchman, Manxwoman; not German
        return noun[:-3] + "men"
    if low == "czech":
        return noun + "s"
    if low.endswith(INVARIANT) or low in ("malagasy", "ni-vanuatu", "i-kiribati", "basotho",
                                          "batswana", "emaswati", "liswati", "lao",
                                          "mosotho", "motswana"):
        return None
    return noun + "s"


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def keys_of_name(name):
    """Lower-case keys for a country name; none for "X, Y of" ISO forms."""
    name = name.strip()
    if not name or "," in name:
        return []
    if "(" in name:
        name = " ".join(name.split("(")[0].split() + name.split(")", 1)[1].split())
    if name.lower().startswith("the "):
        name = name[4:]
    key = name.lower()
    out = [key]
    f = fold(key)
    if f != key:
        out.append(f)
    return out


def generated(tsv, taken):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("iso2\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (6 - len(cols))
            rows.append(cols)
    names, adjs, nouns = [], [], []
    for iso2, iso3, country, factbook, adj, noun in rows:
        canon = CANONICAL.get(iso2) or factbook or country
        for n in (canon, factbook, country):
            for k in keys_of_name(n):
                names.append((k, 1, canon))
        for a in adj.replace("/", "|").split("|"):
            if a.strip():
                adjs.append((a.strip().lower(), 2, canon))
        for n in noun.replace("/", "|").split("|"):
            n = n.strip()
            if not n:
                continue
            nouns.append((n.lower(), 3, canon))
            p = plural(n)
            if p and n.lower() not in (k for k, _, _ in names):  # "Taiwan" has no plural
                nouns.append((p.lower(), 3, canon))
    out, seen = [], set(taken)
    for key, value, text in names + adjs + nouns:
        if key in seen or key in SKIP_KEYS:
            continue
        seen.add(key)
        out.append("%s\t%d\t%s" % (key, value, text))
    return out


def main(argv):
    tsv = argv[1] if len(argv) > 1 else os.path.join(ROOT, "..", "shared", "lexicons",
                                                     "countries.tsv")
    out = argv[2] if len(argv) > 2 else os.path.join(ROOT, "data", "countries.txt")
    before, after = read_around(out, BEGIN, END)
    taken = {l.split("\t")[0].lower() for l in before if l and not l.startswith("#")}
    block = generated(tsv, taken)
    write_around(out, before, [BEGIN] + block + [END], after)
    print("%s: %d generated entries" % (out, len(block)))


if __name__ == "__main__":
    main(sys.argv)
