"""The events of the RAD-OT timing in docs/transport.md: 400,000 events with a mass e^{-m/0.3} on [3.1, 3.9]
TeV (column 0) and five features linear in m. Usage: python3 make_events.py ev.npy"""
import sys
import numpy as np
rng = np.random.default_rng(2026)
n = 400000
lo, hi, s = 3.1, 3.9, 0.3
u = rng.random(n)
m = lo - s * np.log(1 - u * (1 - np.exp(-(hi - lo) / s)))
t = m - 3.5
x = np.stack([t + (0.3 + 0.2 * t) * rng.normal(size=n), -0.6 * t + 0.5 * rng.normal(size=n),
              1 + 0.3 * t + (0.8 + 0.4 * t) * rng.normal(size=n),
              np.where(rng.random(n) < 0.5, 1, -1) * (1 + 0.5 * t) + 0.25 * rng.normal(size=n),
              0.2 * t + rng.normal(size=n)], axis=1)
np.save(sys.argv[1], np.column_stack([m, x]))
