#!/usr/bin/env bash
# Puts Gemma Desk into the desktop's application menu: the .desktop file, the icons and the
# AppStream metainfo, following the freedesktop layout.
#   bash packaging/install_desktop_entry.sh              for you:      ~/.local/share
#   bash packaging/install_desktop_entry.sh --system     for everyone: /usr/share (as root)
#   bash packaging/install_desktop_entry.sh --prefix DIR into DIR/share (packagers, tests)
#   --exec PATH    the program the menu starts (default: the bundle in dist/, else .venv, else
#                  gemma-desk on PATH)
#   --uninstall    removes what an install put there
set -euo pipefail
cd "$(dirname "$0")/.."

app_id=io.github.gemma_desk.GemmaDesk
share="${XDG_DATA_HOME:-$HOME/.local/share}"
program=""
uninstall=0
while [ "$#" -gt 0 ]; do
    case "$1" in
        --system) share=/usr/share; shift ;;
        --prefix) share="$2/share"; shift 2 ;;
        --exec) program="$2"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "install_desktop_entry: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

desktop="$share/applications/$app_id.desktop"
metainfo="$share/metainfo/$app_id.metainfo.xml"
icons="$share/icons/hicolor"

if [ "$uninstall" = 1 ]; then
    rm -f "$desktop" "$metainfo" "$icons/scalable/apps/$app_id.svg" "$icons"/*/apps/"$app_id.png"
    echo "Removed Gemma Desk's menu entry from $share"
else
    if [ -z "$program" ]; then
        for candidate in "$PWD/dist/gemma-desk/gemma-desk" "$PWD/.venv/bin/gemma-desk" "$(command -v gemma-desk || true)"; do
            if [ -n "$candidate" ] && [ -x "$candidate" ]; then program="$candidate"; break; fi
        done
    fi
    if [ -z "$program" ] || [ ! -x "$program" ]; then
        echo "install_desktop_entry: no gemma-desk program found; build the bundle" \
             "(bash packaging/build_bundle.sh) or pass --exec PATH" >&2
        exit 1
    fi
    program="$(cd "$(dirname "$program")" && pwd)/$(basename "$program")"
    mkdir -p "$share/applications" "$share/metainfo" "$icons/scalable/apps"
    # The menu must find the program without a PATH: write its absolute path (quoted, as the
    # Desktop Entry spec asks for paths with spaces).
    sed -e "s|^Exec=.*|Exec=\"$program\"|" -e "s|^TryExec=.*|TryExec=$program|" \
        "resources/$app_id.desktop" > "$desktop"
    install -m 644 "resources/$app_id.metainfo.xml" "$metainfo"
    install -m 644 "resources/icons/$app_id.svg" "$icons/scalable/apps/$app_id.svg"
    for png in resources/icons/hicolor/*/apps/"$app_id.png"; do
        size_folder="$(basename "$(dirname "$(dirname "$png")")")"
        mkdir -p "$icons/$size_folder/apps"
        install -m 644 "$png" "$icons/$size_folder/apps/$app_id.png"
    done
    echo "Installed Gemma Desk's menu entry into $share (starts $program)"
fi

# Menus notice the change sooner with fresh caches; both tools are optional.
if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null && [ -f "$icons/index.theme" ]; then
    gtk-update-icon-cache -q -t "$icons" || true
fi
