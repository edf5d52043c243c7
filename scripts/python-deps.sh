#!/usr/bin/env bash
# Install the Debian packages of the optional Python tests, only those that
# are missing: Dask for examples/dask_corpus.py (python_dask) and jsonschema
# for the schema test of the lede command (cli_schema). They install for
# /usr/bin/python3; the tests find that interpreter themselves. Without them
# those two tests are skipped. --no-install-recommends keeps Dask from pulling
# in over a hundred packages. Safe to run again.
set -euo pipefail

packages=(python3-dask python3-distributed python3-jsonschema)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
echo "== installing Debian packages: ${missing[*]}"
sudo=()
if ((EUID != 0)); then
    command -v sudo >/dev/null || {
        echo "error: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
        exit 1
    }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
