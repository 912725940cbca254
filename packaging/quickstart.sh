#!/usr/bin/env bash
# Installs everything Gemma Desk needs on Debian/Ubuntu, then starts the app or runs the tests.
#   bash packaging/quickstart.sh app     install, then open the window (with the demo model)
#   bash packaging/quickstart.sh test    install with test tools, then run the test suite
# Extra arguments after the first are passed on (to gemma-desk or to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-app}"
shift || true

system_packages=(
    python3-venv cmake g++ make git           # llama-cpp-python compiles llama.cpp from source
    libportaudio2                             # sounddevice (microphone)
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1   # Qt's xcb platform
    fonts-dejavu-core
)
if [ "$mode" = test ]; then
    system_packages+=(espeak-ng sox xvfb)     # speech fixtures and screenshots
fi

missing=()
for package in "${system_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
extras="demo"
[ "$mode" = test ] && extras="demo,test"
# llama-cpp-python builds from source (a few minutes the first time; pip caches the wheel).
.venv/bin/python -m pip install -q --upgrade pip
CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" .venv/bin/python -m pip install -q -e ".[${extras}]"

case "$mode" in
    app)  exec .venv/bin/gemma-desk "$@" ;;
    test) exec .venv/bin/python -m pytest "$@" ;;
    *)    echo "usage: $0 app|test" >&2; exit 2 ;;
esac
