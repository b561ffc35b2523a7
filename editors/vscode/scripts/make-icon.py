#!/usr/bin/env python3
"""Draws images/icon.png (128×128, the extension's icon) with the standard library only.

A red rounded square, a white page with three text lines, and a green tick in a circle: a
checked report. Run again to redraw; the output is deterministic.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

SIZE = 128
SS = 4  # supersampling per axis

RED = (200, 30, 45)
WHITE = (255, 255, 255)
GREY = (150, 160, 175)
GREEN = (30, 150, 80)


def rounded_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and x0 <= x <= x1 and y0 <= y <= y1


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def colour_at(x, y):
    """The colour at (x, y) in 0..128 coordinates, or None for transparent."""
    if not rounded_rect(x, y, 4, 4, 124, 124, 22):
        return None
    c = RED
    # the page; its top-right corner is cut off (red) and folded over (light grey)
    in_corner = 74 <= x <= 90 and 20 <= y <= 36
    if rounded_rect(x, y, 30, 20, 90, 108, 6) and not (in_corner and x - 74 > y - 20):
        c = (235, 225, 225) if in_corner else WHITE
    if c == WHITE:
        for ly, lx1 in ((48, 78), (62, 78), (76, 62)):
            if abs(y - ly) <= 3 and 40 <= x <= lx1:
                c = GREY
    # the tick in a circle, lower right
    d = math.hypot(x - 88, y - 90)
    if d <= 24:
        c = WHITE
    if d <= 20:
        c = GREEN
        if min(seg_dist(x, y, 77, 90, 85, 99), seg_dist(x, y, 85, 99, 100, 80)) <= 3.6:
            c = WHITE
    return c


def main(out):
    rows = []
    for j in range(SIZE):
        row = bytearray([0])
        for i in range(SIZE):
            acc = [0, 0, 0, 0]
            for sj in range(SS):
                for si in range(SS):
                    c = colour_at(i + (si + 0.5) / SS, j + (sj + 0.5) / SS)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n == 0:
                row += bytes(4)
            else:
                row += bytes([acc[0] // n, acc[1] // n, acc[2] // n, 255 * n // (SS * SS)])
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
    png += chunk(b"IEND", b"")
    Path(out).write_bytes(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent.parent / "images" / "icon.png"))
