#!/usr/bin/env bash
# Retakes the README screenshots (docs/screenshot*.png, 1400x900) from the real app
# (release build, glow) under Xvfb, on samples/titanic_messy.ipynb:
#
#   docs/screenshot.png           Cells tab (default rule set), cell 15 selected (the
#                                 PA401 leakage error), its "Why, fix and pattern" open
#   docs/screenshot-layout.png    Layout tab (Pattern level selector), domain/model.py
#   docs/screenshot-dataflow.png  Dataflow tab, execution order, cell 20 selected
#   docs/screenshot-ko.png        the first one with the app in Korean (--lang ko)
#
# Usage: bash scripts/screenshots.sh [--no-build] [OUT_DIR]     (OUT_DIR: default docs)
#
# Needs (Debian): xvfb, xdotool, imagemagick, and the run-time libraries listed in
# ../shared/STACK_NOTES.md (libx11-6, libxcursor1, libxi6, libxkbcommon-x11-0,
# libgl1, libglx-mesa0, libgl1-mesa-dri). The app runs with an empty HOME, so no saved
# settings, recent files or overrides leak in; "Follow the system" gives the dark theme
# under Xvfb.
#
# The clicks are screen coordinates for a 1400x900 window at (0, 0) (Xvfb has no
# window manager). If the layout of the app changes, they may land elsewhere: look
# at the three images before committing them.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

build=1
if [[ "${1:-}" == "--no-build" ]]; then
    build=0
    shift
fi
out=${1:-docs}
mkdir -p "$out"

for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool not found (apt-get install xvfb xdotool imagemagick)" >&2
        exit 2
    }
done

if [[ $build == 1 ]]; then
    nice -n 10 cargo build --release --locked
fi
bin=${CARGO_TARGET_DIR:-$root/target}/release/pyarch
[[ -x $bin ]] || { echo "error: $bin missing (run without --no-build)" >&2; exit 2; }

tmp=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
    [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null || true
    [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# A free display: Xvfb picks the number and writes it to fd 3.
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 50); do
    [[ -s $tmp/display ]] && break
    sleep 0.1
done
[[ -s $tmp/display ]] || { echo "error: Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$tmp/display")"

# Starts the app on the sample (extra arguments: its flags) with an empty HOME and
# waits for it to analyse.
start_app() {
    rm -rf "$tmp/home"
    mkdir -p "$tmp/home/run"
    chmod 700 "$tmp/home/run"
    env -i PATH="$PATH" DISPLAY="$DISPLAY" LANG=C.UTF-8 HOME="$tmp/home" \
        XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config" \
        XDG_CACHE_HOME="$tmp/home/cache" XDG_RUNTIME_DIR="$tmp/home/run" \
        "$bin" samples/titanic_messy.ipynb "$@" >"$tmp/app.log" 2>&1 &
    app_pid=$!
    if ! timeout 30 xdotool search --sync --name '^pyarch' >/dev/null; then
        echo "error: the pyarch window did not appear" >&2
        cat "$tmp/app.log" >&2
        exit 1
    fi
    sleep 3 # loading, analysis, planning and highlighting run on worker threads
}

# Stops the app, which must still be running.
stop_app() {
    if ! kill -0 "$app_pid" 2>/dev/null; then
        echo "error: the app exited early" >&2
        cat "$tmp/app.log" >&2
        exit 1
    fi
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=
}

# Clicks, then parks the pointer on the status bar (no hover effects there) and waits
# for the repaint.
click() {
    xdotool mousemove "$1" "$2" click 1
    sleep 0.7
    xdotool mousemove 700 892
    sleep 0.7
}
shot() {
    import -window root "$out/$1"
    echo "wrote $out/$1"
}

start_app
click 150 673   # cell list: "15 [11] from sklearn.preprocessing import Stan…"
click 1090 252  # the PA401 finding: "Why, fix and pattern"
shot screenshot.png

click 253 12    # "Layout" tab
click 105 600   # file tree: src/titanic_messy/domain/model.py
shot screenshot-layout.png

click 310 12    # "Dataflow" tab
click 488 540   # graph node "20 [15] X_test = scaler.transform(…"
shot screenshot-dataflow.png
stop_app

start_app --lang ko
click 150 673   # cell 15
click 1090 252  # the PA401 finding: "문제, 고치는 법, 패턴"
shot screenshot-ko.png
stop_app
