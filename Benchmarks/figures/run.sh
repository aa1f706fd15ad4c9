#!/usr/bin/env bash
# Figure extraction, FeedWatch beside Recognizers-Text and quantulum3, on the labelled wire corpus.
#
#   Benchmarks/figures/run.sh                      all three tools
#   Benchmarks/figures/run.sh --tool feedwatch     one tool; --errors lists what each tool got wrong
#
# FEEDWATCH_BIN  the feedwatch binary (default .build/release/feedwatch; not built here)
# FIGURES_VENV   the Python venv for the peers (default ~/.cache/feedwatch-figures-venv; made on first run)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${FIGURES_VENV:-$HOME/.cache/feedwatch-figures-venv}
export FEEDWATCH_BIN=${FEEDWATCH_BIN:-.build/release/feedwatch}

# Pinned so the scores stay comparable between runs:
# - recognizers-text 1.0.2a2 imports emoji's UNICODE_EMOJI, which emoji 2 removed;
# - quantulum3's unit classifier ships as a scikit-learn 1.8.0 pickle.
peers=(
    "recognizers-text-suite==1.0.2a2" "emoji<1.0"
    "quantulum3[classifier]==0.10.0" "scikit-learn==1.8.0"
)
stamp="$venv/.feedwatch-figures-peers"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || { echo "run.sh: cannot create a venv at $venv (apt-get install python3-venv)" >&2; exit 1; }
fi
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "${peers[*]}" ]]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${peers[@]}" \
        || { echo "run.sh: pip could not install the peers into $venv" >&2; exit 1; }
    printf '%s' "${peers[*]}" > "$stamp"
fi
cd "$root"
exec "$venv/bin/python" "$here/compare.py" "$@"
