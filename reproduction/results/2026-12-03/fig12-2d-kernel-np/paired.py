"""The kernel NP test against SparKer on the same 2D signal toys (seed 2026), toy by toy (exact
McNemar on the first n toys of each). Usage: python3 paired.py [table2.json]"""
import json
import os
import sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'tune-2026-12-03'))
from loo_power import mcnemar

m = json.load(open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'table2.json')))
for r in m['rows']:
    v = r['variant']; pk = r['p_values']; n = len(pk)
    t = json.load(open(os.path.join(here, '..', 'gauss2d-' + v, 'tune.json')))
    ps = t['rows'][0]['p_values'][:n]
    ds = [p <= 0.05 for p in ps]; dk = [p <= 0.05 for p in pk]
    x, y, p = mcnemar(ds, dk)
    print('%-13s n=%3d kernel-np %.3f [%.3f, %.3f]  sparker %.3f  only sparker %d / only kernel-np %d  p=%.2g  (kernel NP null toys %d)' % (
        v, n, r['power'], r['ci68_low'], r['ci68_high'], sum(ds) / n, x, y, p, r['null_toys']))
