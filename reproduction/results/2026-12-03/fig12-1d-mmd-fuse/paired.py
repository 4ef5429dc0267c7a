"""MMD-FUSE against SparKer and the kernel NP test on the same 1D signal toys (seed 2026), toy by toy
(exact McNemar on the first n toys). Usage: python3 paired.py [table1.json]"""
import json
import os
import sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', '..', 'tune-2026-12-03'))
from loo_power import mcnemar

d = json.load(open(os.path.join(here, '..', 'fig12-1d', 'table1.json')))
m = json.load(open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'table1.json')))
sp = {(r['variant'], r['method']): r['p_values'] for r in d['rows']}
for r in m['rows']:
    v = r['variant']; pm = r['p_values']; n = len(pm)
    det_m = [p <= 0.05 for p in pm]
    for meth in ('sparker', 'kernel-np'):
        ps = sp[(v, meth)][:n]; det_s = [p <= 0.05 for p in ps]
        x, y, p = mcnemar(det_s, det_m)
        print('%-13s n=%3d mmd-fuse %.3f [%.3f, %.3f]  %s %.3f  only %s %d / only mmd %d  p=%.2g' % (v, n, r['power'], r['ci68_low'], r['ci68_high'], meth, sum(det_s)/n, meth, x, y, p))
