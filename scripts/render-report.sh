#!/usr/bin/env bash
# Renders an HTML report in headless Chromium to a PNG and checks the page has real content
# (many distinct colours: charts drawn, not a blank or error page).
#   scripts/render-report.sh [report.html] [out.png]
# Needs Debian's chromium (apt-get install -y chromium); not part of `make test`.
set -euo pipefail
html=${1:-notebooks-exported/demo-report.html}
png=${2:-out/report.png}
mkdir -p "$(dirname "$png")"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
  --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width, height, bpp = 8, b"", 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        bpp = {2: 3, 6: 4}[colour]
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * bpp
rows, prev = [], bytearray(stride)
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours = {r[i:i + 3] for r in rows[::4] for i in range(0, stride, 4 * bpp)}
non_white = sum(1 for r in rows[::4] for i in range(0, stride, 4 * bpp) if r[i:i + 3] != b"\xff\xff\xff")
print(f"{sys.argv[1]}: {width}x{height}, {len(colours)} distinct colours, {non_white} non-white samples")
assert len(colours) > 50 and non_white > 5000, "the page looks empty"
PY
