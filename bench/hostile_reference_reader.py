"""The event-log reference reader (parse_json: depth limit, duplicate keys) on 200,000 lines.

Run: PYTHONPATH=build/ci/python python bench/hostile_reference_reader.py LABEL
"""

import sys
import time

import vaekit

# Every line has an unknown field, so every line goes to the reference reader (parse_json).
LINE = (
    '{"case":"C%d","at":"2024-01-02","event":"received","role":"assistant","zone":"x",'
    '"data":{"channel":"phone"}}'
)
text = "\n".join(LINE % i for i in range(200_000))
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    vaekit.EventLog.parse(text, strict=True)
    best = min(best, time.perf_counter() - t)
label = sys.argv[1] if len(sys.argv) > 1 else "this build"
print(
    f"{label}: EventLog.parse, 200,000 lines all on the reference reader "
    f"({len(text) / 1e6:.1f} MB): best of 5 {best * 1000:.0f} ms"
)
