"""The generated block of a data file: the lines between a BEGIN and an END
marker line, rewritten by a tools/make_*.py script, while the hand-written
lines before and after it are kept. Standard library only."""
import os
import sys


def read_around(path, begin, end):
    """The hand-written lines (before, after) around the block of `path`;
    both empty for a file that does not exist yet. Exits when the file has
    no markers, rather than overwrite hand-written data."""
    if not os.path.exists(path):
        return [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if begin not in lines or end not in lines:
        sys.exit("%s: no generated-block markers; refusing to overwrite" % path)
    return lines[:lines.index(begin)], lines[lines.index(end) + 1:]


def write_around(path, before, block, after):
    """Write `path` as before + block + after, one entry a line."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(before + block + after) + "\n")
