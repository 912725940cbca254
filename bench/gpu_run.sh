#!/usr/bin/env bash
# The benchmark on a CUDA machine with no network (the H100 device machine), from what
# bench/fetch_gpu_wheels.sh put in .whl/ and .device/. Carry exactly these three paths:
#   carry: [".whl", ".device/llama-cpp-python-0.3.36-src.tar.xz", ".device/gemma3-tokenizer.npz"]
#
#   bash bench/gpu_run.sh [all|build|models|bench|exec] [extra python -m bench arguments | command]
#
# build   one CUDA build of the vendored llama.cpp (libllama, libggml*, libmtmd, llama-bench) and
#         llama-cpp-python's Python package pointed at those libraries (resumable: run it again if
#         it was stopped at the 10-minute limit; ninja continues where it was).
# models  the random-weight Gemma 3n E2B (F16 → Q4_K_M with llama.cpp's quantizer) and a
#         random-weight replica of the Gemma 3 270M file (the real one is 253 MB: it cannot travel).
# bench   python -m bench --gpu --quick with llama-bench as third reference; results go to $OUT.
#
# Device calls (10 minutes each, 30 minutes of device time in all; the machine stays warm 30 s
# between calls, so send the next one at once):
#   1. bash bench/gpu_run.sh build && bash bench/gpu_run.sh models       (CUDA build, then models)
#   2. bash bench/gpu_run.sh bench --name 270m --models 270m
#   3. bash bench/gpu_run.sh bench --name e2b --models e2b
# then here: python -m bench.summary merge A.json B.json OUT.json && python -m bench.plots OUT.json
# A fresh machine (one that was given back) needs step 1 again.
#
# Why not `pip install` llama-cpp-python with -DLLAMA_BUILD_TOOLS=ON: its CMakeLists then adds
# tools/mtmd twice and configuration fails (seen with 0.3.36). One standalone build gives both
# the libraries and llama-bench, and halves the CUDA compile time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STEP=${1:-all}
shift || true
PY=${PYTHON:-python3}
SITE=/tmp/gemma-desk-site
SRC=/tmp/gemma-desk-src
BUILD=/tmp/gemma-desk-llama-build
CACHE=/tmp/gemma-desk-bench-cache
OUT=${OUT:-$ROOT/bench/results}
JOBS=$(nproc)
export PYTHONUNBUFFERED=1 QT_QPA_PLATFORM=offscreen

install_python_packages() {
    mkdir -p "$SITE"
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$SITE" .whl/*.whl
    # Qt's system libraries (libGL, libxkbcommon, fontconfig, …) where the machine lacks them.
    local fallback="$SITE/PySide6/Qt/lib-fallback" missing=/tmp/gemma-desk-missing-libs
    mkdir -p "$missing"
    for library in "$fallback"/*; do
        name=$(basename "$library")
        ldconfig -p | grep -q "^[[:space:]]*$name " || ln -sf "$library" "$missing/$name"
    done
    export LD_LIBRARY_PATH="$missing${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}"
    export LLAMA_CPP_LIB_PATH="$BUILD/bin" MTMD_CPP_LIB="$BUILD/bin"
    # llama_cpp._ggml loads libggml from the package's lib/ only, not from LLAMA_CPP_LIB_PATH.
    if [ -d "$BUILD/bin" ] && [ -d "$SITE/llama_cpp" ]; then
        mkdir -p "$SITE/llama_cpp/lib" && ln -sf "$BUILD"/bin/lib*.so* "$SITE/llama_cpp/lib/"
    fi
}

build() {
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
    if [ ! -d "$SRC/llama_cpp_python-0.3.36" ]; then
        mkdir -p "$SRC" && tar -xJf .device/llama-cpp-python-0.3.36-src.tar.xz -C "$SRC"
    fi
    local llama="$SRC/llama_cpp_python-0.3.36/vendor/llama.cpp"
    if [ ! -f "$BUILD/build.ninja" ]; then
        cmake -S "$llama" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
            -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=90 -DLLAMA_BUILD_TOOLS=ON \
            -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF \
            -DGGML_CCACHE=OFF ${GGML_CUDA_EXTRA:-}
    fi
    time cmake --build "$BUILD" -j "$JOBS" --target llama mtmd llama-bench
    if [ ! -d "$SITE/llama_cpp" ]; then
        # The Python package only: the libraries are the ones just built (LLAMA_CPP_LIB_PATH).
        CMAKE_ARGS="-DLLAMA_BUILD=OFF -DLLAVA_BUILD=OFF" "$PY" -m pip install -q --no-build-isolation \
            --no-deps --no-cache-dir --target "$SITE" "$SRC/llama_cpp_python-0.3.36"
    fi
    "$PY" -c "import llama_cpp; assert llama_cpp.llama_supports_gpu_offload(), 'no GPU offload'; print('llama_cpp', llama_cpp.__version__, 'GPU offload: yes')"
    "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([]); print('Qt offscreen: yes')" \
        || echo "Qt cannot load here: the bench measures the engine path instead of the window"
}

models() {
    "$PY" - <<EOF
from pathlib import Path
from bench.models import resolve_models
for model in resolve_models(["270m", "e2b"], Path("$CACHE"), Path("$ROOT/.device/gemma3-tokenizer.npz")):
    print(model.key, model.path, model.path.stat().st_size)
EOF
}

bench() {
    mkdir -p "$OUT"
    "$PY" -m bench --gpu --quick --cache-dir "$CACHE" --tokenizer "$ROOT/.device/gemma3-tokenizer.npz" \
        --llama-bench "$BUILD/bin/llama-bench" --out "$OUT" "$@" 2> >(tee "$OUT/bench-stderr.log" | tail -c 20000 >&2)
}

install_python_packages
case "$STEP" in
    build) build ;;
    models) models ;;
    bench) bench "$@" ;;
    all) build && models && bench "$@" ;;
    exec) "$@" ;;  # any command in this environment, e.g. one probe: exec python3 -m bench.probe …
    *) echo "unknown step $STEP (all, build, models, bench, exec)" >&2; exit 2 ;;
esac
