#!/bin/sh
# The camera path inside the run-vivid VM, in one boot:
#   1. enroll-camera-selftest against /dev/video0 (its ENROLLD-RESULT and, with --record,
#      ENROLLD-SYSCALL lines), then
#   2. the real daemon with vivid as its camera: `enrollctl devices --json` and
#      `enrollctl camera test --json --save`, printed as one line each:
#        ENROLLD-DEVICES: {json}
#        ENROLLD-CAMERA-TEST: {json}
#        ENROLLD-STILL: BYTES (size of the saved JPEG, 0 if none)
# The VM has no udevd: libudev reads sysfs directly, so the camera's id is its node.
#
# Usage (host): Tests/vm/run-vivid --with ENROLLD --with ENROLLCTL Tests/vm/camera-daemon-check.sh SELFTEST ENROLLD ENROLLCTL

selftest=$1 enrolld=$2 enrollctl=$3
"$selftest" /dev/video0 --record
status=$?

echo "== daemon"
kiosk=/tmp/kiosk
mkdir -p $kiosk
cat > $kiosk/enrolld.yaml <<YAML
version: 1
daemon: {state_directory: state, runtime_directory: run, shutdown_timeout_seconds: 4}
api: {socket: run/api.sock, socket_group: "", http_enabled: false}
logging: {target: stderr, level: info}
YAML
"$enrolld" --config $kiosk/enrolld.yaml > $kiosk/daemon.log 2>&1 &
daemon=$!
i=0
while [ ! -S $kiosk/run/api.sock ] && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
if [ -S $kiosk/run/api.sock ]; then
    "$enrollctl" devices --socket $kiosk/run/api.sock
    echo "ENROLLD-DEVICES: $("$enrollctl" devices --json --socket $kiosk/run/api.sock | tr -d '\n')"
    "$enrollctl" camera test --json --socket $kiosk/run/api.sock --save $kiosk/still.jpg > $kiosk/test.json
    echo "camera test exit status $?"
    echo "ENROLLD-CAMERA-TEST: $(tr -d '\n' < $kiosk/test.json)"
    echo "ENROLLD-STILL: $(wc -c < $kiosk/still.jpg 2>/dev/null || echo 0)"
else
    echo "FAIL: the daemon did not open its socket"
    status=1
fi
kill -TERM $daemon
wait $daemon
echo "daemon exit status $?"
cat $kiosk/daemon.log
exit $status
