#!/usr/bin/env bash
# python_install: `pip install ./bindings/python` into a fresh venv with no
# package index at all (the build backend needs nothing from one), then the
# binding's tests against that installed copy; then a wheel that carries
# liblede inside it, installed into a second venv, loads its own copy.
#
#   install_test.sh PYTHON SOURCE_DIR WORK_DIR LIBRARY
# Exit 77 (skipped) when PYTHON cannot make a venv with pip.
set -euo pipefail
python=$1 source=$2 work=$3 library=$4
package=$source/bindings/python
tests=$package/tests

rm -rf "$work"
mkdir -p "$work"
if ! "$python" -m venv "$work/venv" >"$work/venv.log" 2>&1; then
    cat "$work/venv.log"
    echo "SKIP: $python cannot create a venv with pip (Debian: install python3-venv)"
    exit 77
fi
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check --no-cache-dir)
export PIP_NO_INDEX=1

echo "== pip install $package (no index)"
"${pip[@]}" install -q "$package"

echo "== the binding's tests against the installed package"
cd "$work"
env -u PYTHONPATH LEDE_LIBRARY="$library" LEDE_EXPECT_PACKAGE_UNDER="$work/venv" \
    "$work/venv/bin/python" -m unittest discover -s "$tests" -t "$tests"

echo "== a wheel with liblede inside, in a second venv, without LEDE_LIBRARY"
"$python" -m venv "$work/venv2"
mkdir -p "$work/wheels"
LEDE_WHEEL_LIBRARY=$library "${pip[@]}" wheel -q -w "$work/wheels" "$package"
"$work/venv2/bin/python" -m pip --disable-pip-version-check -q install "$work"/wheels/lede-*.whl
env -u PYTHONPATH -u LEDE_LIBRARY "$work/venv2/bin/python" -c '
import os, sys, lede
path = lede.library_path()
assert path.startswith(sys.prefix), path
doc = lede.parse("Prices rose 5% on Monday, officials said.")
assert [m.text for m in doc.metrics][:1] == ["5%"], doc.metrics
print("bundled library:", os.path.relpath(path, sys.prefix), "version", lede.library_version())
'
echo "python_install: ok"
