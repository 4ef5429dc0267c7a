"""The kernel NP test against SparKer on the same 1D and 2D signal toys of Fig. 12 (seed 2026), toy
by toy, with the global p-value as sparker forms it since the fix of 2026-12-06 (docs/design.md
§5, step 2), re-read from the statistics both runs stored: no training. The kernel NP test
combines its widths by min-p, SparKer its checkpoints by Algorithm 1's rule, each against its own
calibration toys (1D: 300 each; 2D: kernel NP 100, SparKer 300), on the signal toys both ran
(1D: 200; 2D: the first 100). fig12-1d's table1.json and fig12-2d-kernel-np/paired.py give the
same comparisons with the p-values computed before the fix.
Usage: python3 kernel_np_fixed.py"""
import os
from scipy.stats import beta, binomtest
import compare  # beside this script, on sys.path when it runs
here = os.path.dirname(os.path.abspath(__file__))

compare.FIXED = True


def ci68(x, n):
    lo = beta.ppf(0.16, x, n - x + 1) if x else 0.0
    hi = beta.ppf(0.84, x + 1, n - x) if x < n else 1.0
    return lo, hi


RESULTS = os.path.join(here, '..', '2026-12-03')


def pair(name, k_null, k_sig, s_null, s_sig):
    dk = compare.detected(compare.statistics(k_null), compare.statistics(k_sig))['min-p']
    n = len(dk)
    ds = compare.detected(compare.statistics(s_null), compare.statistics(s_sig)[:n])['algorithm-1']
    a, b = int((ds & ~dk).sum()), int((dk & ~ds).sum())
    p = binomtest(a, a + b).pvalue if a + b else 1.0
    lo, hi = ci68(int(dk.sum()), n)
    print('| %s | %d | %.3f [%.3f, %.3f] | %.3f | %d / %d | %.2g |' % (name, n, dk.mean(), lo, hi, ds.mean(), a, b, p))


print('| signal | toys | kernel NP | SparKer (same toys) | only SparKer / only kernel NP | McNemar p |')
print('|---|---:|---|---|---:|---:|')
d1 = os.path.join(RESULTS, 'fig12-1d')
for v, name in (('bulk', '1D bulk'), ('tail', '1D tail'), ('extreme-tail', '1D extreme tail'),
                ('excess', '1D tail excess')):
    pair(name, os.path.join(d1, 'table1-null-bulk-kernel-np.jsonl'),
         os.path.join(d1, 'table1-signal-%s-kernel-np.jsonl' % v),
         os.path.join(d1, 'table1-null-bulk-sparker.jsonl'), os.path.join(d1, 'table1-signal-%s-sparker.jsonl' % v))
d2 = os.path.join(RESULTS, 'fig12-2d-kernel-np')
for v, name in (('bulk', '2D bulk cluster'), ('extreme-tail', '2D extreme-tail cluster'),
                ('smearing', '2D smearing'), ('squeezing', '2D squeezing')):
    s_dir = os.path.join(RESULTS, 'gauss2d-' + v)
    pair(name, os.path.join(d2, 'table2-null-bulk-kernel-np.jsonl'),
         os.path.join(d2, 'table2-signal-%s-kernel-np.jsonl' % v),
         os.path.join(s_dir, 'tune-gauss2d-%s-null-default.jsonl' % v),
         os.path.join(s_dir, 'tune-gauss2d-%s-signal-default.jsonl' % v))
