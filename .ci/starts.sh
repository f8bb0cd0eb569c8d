#!/usr/bin/env bash
# "It starts": run the app under Xvfb on a fresh home (so it creates a workspace and
# loads the sample data), take a screenshot, and fail if the program exited or the screen
# is one colour. It runs the binary `cargo test` has just built (the dev profile), so CI
# builds the app once.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
home=$(mktemp -d)
disp=":$(( 90 + RANDOM % 400 ))"
Xvfb "$disp" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill "${app:-}" 2>/dev/null || true; kill "$xpid" 2>/dev/null || true; rm -rf "$home"' EXIT
sleep 2
HOME=$home DISPLAY=$disp LIBGL_ALWAYS_SOFTWARE=1 WAYLAND_DISPLAY= target/debug/revops-cockpit &
app=$!
sleep 10
if ! kill -0 "$app" 2>/dev/null; then echo "it starts: FAILED, the program exited" >&2; exit 1; fi
shot=$(mktemp --suffix=.xwd)
DISPLAY=$disp xwd -root -silent > "$shot"
python3 - "$shot" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
header_size = struct.unpack('>I', data[:4])[0]
h = struct.unpack('>25I', data[:100])
width, height, bytes_per_line, ncolors = h[4], h[5], h[12], h[19]
offset = header_size + ncolors * 12
colours = set()
for y in range(0, height, 7):
    line = data[offset + y * bytes_per_line: offset + y * bytes_per_line + width * 4]
    for x in range(0, len(line) - 3, 4 * 5):
        colours.add(line[x:x + 3])
print(f"it starts: the screen shows {len(colours)} distinct colours")
sys.exit(0 if len(colours) > 8 else 1)
PY
rm -f "$shot"
if [ ! -f "$home/.local/share/revops-cockpit/workspace.sqlite" ]; then echo "it starts: FAILED, no workspace was created" >&2; exit 1; fi
echo "it starts: ok"
