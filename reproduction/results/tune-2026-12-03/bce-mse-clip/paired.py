"""Power at 5% and toy-by-toy McNemar tests between recipes of a tune folder (extreme tail).
Usage: python3 paired.py FOLDER TAG TAG ..."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from loo_power import detected, load, mcnemar


def detections(folder, tag, bench='exp1d-extreme-tail'):
    return detected(load('%s/tune-%s-null-%s.jsonl' % (folder, bench, tag)),
                    load('%s/tune-%s-signal-%s.jsonl' % (folder, bench, tag)))


f = sys.argv[1]
d = {t: detections(f, t) for t in sys.argv[2:]}
for t, v in d.items():
    print(t, sum(v) / len(v), len(v))
tags = list(d)
for i in range(len(tags)):
    for j in range(i + 1, len(tags)):
        print(tags[i], 'vs', tags[j], mcnemar(d[tags[i]], d[tags[j]]))
