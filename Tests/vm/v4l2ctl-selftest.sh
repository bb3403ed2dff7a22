#!/bin/sh
# Stand-in camera self-test, run inside the run-vivid VM by busybox sh until
# the project's Swift self-test replaces it. It is a real V4L2 client through
# Debian's v4l2-ctl (copied in with `run-vivid --with v4l2-ctl`):
#   list formats, stream 30 frames by mmap at 640x480 YUYV 25 fps, switch
#   to 320x180 at 30 fps, stream 30 frames again.
# (vivid's webcam input defaults to 5 fps; the frame rate is set explicitly
# so that the measured rate says something about the emulated machine.)
# Like the Swift program will, it ends with one line
#   ENROLLD-RESULT: {json}
# and exits 0 only if every step captured the expected frames.
#
# Usage (host): Tests/vm/run-vivid --with v4l2-ctl Tests/vm/v4l2ctl-selftest.sh [DEVICE] [FRAMES]

dev=${1:-/dev/video0}
frames=${2:-30}
ok=true
steps=

uptime_cs() { # uptime in centiseconds, integer arithmetic only
    # shellcheck disable=SC2046  # split "12.34" into 12 and 34 on purpose
    set -- $(cut -d' ' -f1 /proc/uptime | tr '.' ' ')
    echo $(( $1 * 100 + ${2#0} ))
}

# field NAME: value of "NAME : value" in `v4l2-ctl --get-fmt-video` output
fmt_field() { v4l2-ctl -d "$dev" --get-fmt-video | sed -n "s|^[[:space:]]*$1[[:space:]]*: *||p" | head -n1; }

echo "== device"
v4l2-ctl -d "$dev" --info || ok=false
echo "== formats"
v4l2-ctl -d "$dev" --list-formats-ext > /tmp/formats.txt || ok=false
# The full list is thousands of lines (every format x size x interval):
# show the format names and the YUYV sizes only.
grep -E "^[[:space:]]*\[[0-9]+\]:" /tmp/formats.txt
sed -n "/'YUYV'/,/\[[0-9]*\]:/p" /tmp/formats.txt | grep 'Size:'
grep -q "'YUYV'" /tmp/formats.txt || { echo "FAIL: YUYV not listed"; ok=false; }

# stream WIDTH HEIGHT FPS: set the format and frame rate, capture $frames frames by mmap into a
# file, check the byte count against sizeimage, append a JSON step.
stream() {
    echo "== stream ${1}x${2} YUYV at $3 fps, $frames frames (mmap)"
    v4l2-ctl -d "$dev" --set-fmt-video="width=$1,height=$2,pixelformat=YUYV" || { ok=false; return; }
    v4l2-ctl -d "$dev" --set-parm="$3" || { ok=false; return; }
    wh=$(fmt_field 'Width/Height')
    size=$(fmt_field 'Size Image')
    pixfmt=$(fmt_field 'Pixel Format' | sed -n "s/^'\([^']*\)'.*/\1/p")
    echo "format now: $wh $pixfmt sizeimage=$size"
    rm -f /tmp/cap.raw
    t0=$(uptime_cs)
    v4l2-ctl -d "$dev" --stream-mmap=4 --stream-count="$frames" --stream-to=/tmp/cap.raw
    rc=$?
    t1=$(uptime_cs)
    bytes=$(wc -c < /tmp/cap.raw 2>/dev/null || echo 0)
    got=0
    [ "${size:-0}" -gt 0 ] && got=$((bytes / size))
    cs=$((t1 - t0)); [ $cs -gt 0 ] || cs=1
    fps100=$((got * 10000 / cs))
    fps=$((fps100 / 100)).$(printf '%02d' $((fps100 % 100)))
    echo "captured $got frames, $bytes bytes in $((cs / 100)).$(printf '%02d' $((cs % 100))) s (~$fps fps), v4l2-ctl status $rc"
    step_ok=true
    if [ $rc -ne 0 ] || [ "$got" -ne "$frames" ] || [ "$bytes" -ne $((frames * size)) ]; then
        echo "FAIL: expected $frames frames of $size bytes"
        step_ok=false; ok=false
    fi
    step="{\"width\":${wh%/*},\"height\":${wh#*/},\"pixelformat\":\"$pixfmt\",\"sizeimage\":$size,\"frames\":$got,\"bytes\":$bytes,\"centiseconds\":$cs,\"fps\":$fps,\"ok\":$step_ok}"
    steps=${steps:+$steps,}$step
    rm -f /tmp/cap.raw
}

stream 640 480 25
# vivid's webcam input offers discrete sizes (320x180, 640x360, 640x480,
# 1280x720, ...); 320x180 is the cheapest to generate under emulation.
stream 320 180 30

echo "ENROLLD-RESULT: {\"tool\":\"v4l2-ctl\",\"device\":\"$dev\",\"yuyv_listed\":$(grep -q "'YUYV'" /tmp/formats.txt && echo true || echo false),\"steps\":[$steps],\"ok\":$ok}"
$ok
