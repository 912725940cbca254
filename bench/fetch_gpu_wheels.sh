#!/usr/bin/env bash
# Fetch and prepare, here (with network), what bench/gpu_run.sh needs on the GPU machine, which
# has Python 3.12 with numpy, cmake, ninja, scikit-build-core, Pillow, matplotlib, PyYAML, tqdm,
# requests, jinja2 and typing-extensions, but no network. Everything must fit in the 64 MiB a
# device call carries (about 43 MB in all):
#
#   .whl/   cp312 manylinux x86_64 wheels:
#           PySide6-Essentials 6.11.3 (slimmed: see bench/gpu_payload.py; the full wheel is 84 MB),
#           shiboken6 6.11.3, gguf 0.19.0, platformdirs 4.14.7, diskcache 5.6.3 (llama_cpp imports
#           it), soundfile 0.14.0 + cffi 2.1.1 + pycparser 3.12 (app/ui/speech imports soundfile),
#           and the pure-Python packages the window imports at start-up: httpx + httpcore + h11 +
#           certifi + idna + anyio + sniffio + httpx-sse (Run on a server), starlette + uvicorn +
#           click + python-multipart (Server ▸ Local server), Pygments, threadpoolctl
#   .device/llama-cpp-python-0.3.36-src.tar.xz   the sdist without models/docs/tests/other backends
#   .device/gemma3-tokenizer.npz                 the Gemma 3 tokenizer, for the random-weight models
#
# Both folders are git-ignored (/.whl/, /.device/). Run from the repository root or anywhere:
#   bash bench/fetch_gpu_wheels.sh
# then carry exactly: .whl, .device/llama-cpp-python-0.3.36-src.tar.xz, .device/gemma3-tokenizer.npz
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DOWNLOADS=$(mktemp -d)
trap 'rm -rf "$DOWNLOADS"' EXIT
PLATFORMS=(--platform manylinux_2_34_x86_64 --platform manylinux_2_28_x86_64
           --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64)

rm -rf .whl && mkdir -p .whl .device
"$PY" -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    "${PLATFORMS[@]}" -d "$DOWNLOADS" \
    PySide6-Essentials==6.11.3 shiboken6==6.11.3 gguf==0.19.0 platformdirs==4.14.7 diskcache==5.6.3 \
    soundfile==0.14.0 cffi==2.1.1 pycparser==3.12 \
    httpx==0.29.0 httpcore==1.0.9 h11==0.16.0 certifi==2026.10.19.post1 idna==3.20 anyio==4.16.0 \
    sniffio==1.3.1 httpx-sse==0.4.3 starlette==1.10.0 uvicorn==0.55.0 click==8.5.1 \
    python-multipart==0.0.34 Pygments==2.21.0 threadpoolctl==3.8.0
for wheel in "$DOWNLOADS"/*.whl; do
    case "$(basename "$wheel")" in
        pyside6_essentials-*) "$PY" -m bench.gpu_payload slim-pyside6 "$wheel" .whl ;;
        *) cp "$wheel" .whl/ ;;
    esac
done

"$PY" -m pip download --no-deps --no-binary=:all: -d "$DOWNLOADS" llama-cpp-python==0.3.36
"$PY" -m bench.gpu_payload llama-source "$DOWNLOADS/llama_cpp_python-0.3.36.tar.gz" \
    .device/llama-cpp-python-0.3.36-src.tar.xz

MODEL=$("$PY" -c "from pathlib import Path; from bench.models import gemma3_270m; import platformdirs; \
print(gemma3_270m(Path(platformdirs.user_cache_dir('gemma-desk-bench'))))")
"$PY" -m bench.gpu_payload tokenizer "$MODEL" .device/gemma3-tokenizer.npz

PAYLOAD=(.whl .device/llama-cpp-python-0.3.36-src.tar.xz .device/gemma3-tokenizer.npz)
ls -la "${PAYLOAD[@]}"
du -cb "${PAYLOAD[@]}" | tail -1 | awk '{printf "payload: %.1f MB (a device call carries at most 64 MiB)\n", $1 / 1e6}'
