#!/usr/bin/env bash
# Builds the one-folder bundle dist/gemma-desk/ (macOS: also "dist/Gemma Desk.app") with PyInstaller.
#   bash packaging/build_bundle.sh                  build into dist/ (work files in build/pyinstaller/)
#   bash packaging/build_bundle.sh --distpath D --workpath W   (any further PyInstaller options)
# Uses .venv (creating it and installing the app with its demo model if needed), then checks the
# bundle with `gemma-desk --self-test`. Set SKIP_SELF_TEST=1 to leave that out.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
if ! .venv/bin/python -c "import app, llama_cpp, PySide6" 2>/dev/null; then
    echo "build_bundle: installing Gemma Desk into .venv (the first time compiles llama.cpp: minutes)"
    CMAKE_BUILD_PARALLEL_LEVEL="$(nproc 2>/dev/null || sysctl -n hw.ncpu)" \
        .venv/bin/python -m pip install -q -e ".[demo]"
fi
.venv/bin/python -m pip install -q "pyinstaller>=6.10"

distpath=dist
args=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --distpath) distpath="$2"; shift 2 ;;
        --distpath=*) distpath="${1#*=}"; shift ;;
        *) args+=("$1"); shift ;;
    esac
done

started=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$distpath" --workpath build/pyinstaller ${args[@]+"${args[@]}"} packaging/gemma-desk.spec
echo "build_bundle: built $distpath/gemma-desk/ in $(( $(date +%s) - started )) s," \
     "$(du -sh "$distpath/gemma-desk" | cut -f1)"

if [ "${SKIP_SELF_TEST:-0}" != 1 ]; then
    "$distpath/gemma-desk/gemma-desk" --self-test
fi
