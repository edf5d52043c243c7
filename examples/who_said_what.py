#!/usr/bin/env python3
"""Print who said what in a news article.

    python3 examples/who_said_what.py ARTICLE.txt [--date YYYY-MM-DD]

Needs the lede package (pip install ./bindings/python, or PYTHONPATH=bindings/python)
and liblede (installed, or LEDE_LIBRARY=build/lib/liblede.so.0).
"""
import argparse

import lede


def describe(doc, quote):
    """The speaker of a quote: name and role, or the words that name them."""
    speaker = doc.speaker_of(quote)
    if speaker is None:
        return quote.speaker_mention.text if quote.speaker_mention else "(unattributed)"
    role = ", ".join(part for part in (speaker.title, speaker.affiliation) if part)
    return "%s (%s)" % (speaker.name, role) if role else speaker.name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", help="a UTF-8 text file")
    parser.add_argument("--date", help="reference date when the article states none")
    args = parser.parse_args()

    with open(args.article, "rb") as f:
        doc = lede.parse(f.read(), date=args.date)

    if doc.title:
        print(doc.title.text)
    for quote in doc.quotes:
        said = " … ".join(fragment.text for fragment in quote.fragments)
        cue = quote.cue.text if quote.cue else "-"
        print("%s [%s, %s %.2f]: %s" % (describe(doc, quote), cue, quote.kind, quote.confidence, said))


if __name__ == "__main__":
    main()
