"""Power at 5% of each recipe from the stored toys of a `sparker toy tune` folder.

The tuning runs of 2026-12-03 were stopped once their toys were written, before the study
wrote its JSON, so their powers are recomputed here from the toy files, the same way the study
does: per-checkpoint p-values of a signal toy against the recipe's null toys, Algorithm 1's
combined statistic, and its p-value against the null toys' own combined statistics (each null
toy against the others, leave one out). Usage: python3 loo_power.py FOLDER
"""
import collections
import glob
import json
import math
import re
import sys


def load(f):
    toys = {}
    for line in open(f).read().strip().split("\n")[1:]:
        try:
            j = json.loads(line)
        except ValueError:
            continue
        toys[j["toy"]] = j["t"]
    return [toys[k] for k in sorted(toys)]


def pvals(null, t):
    k = len(null)
    return [(1 + sum(1 for n in null if n[j] >= t[j])) / (k + 1) for j in range(len(t))]


def combined(p):
    lp = [math.log(x) for x in p]
    return -0.5 * min(lp) - sum(lp) / (2 * len(p))


def global_pvalues(null, sig):
    """Each signal toy's global p-value against the null toys, whose own combined statistics are
    computed leave-one-out (as the study does)."""
    t0 = [combined(pvals(null[:k] + null[k + 1:], null[k])) for k in range(len(null))]
    out = []
    for t in sig:
        c = combined(pvals(null, t))
        out.append((1 + sum(1 for x in t0 if x >= c)) / (len(t0) + 1))
    return out


def detected(null, sig, alpha=0.05):
    """Per signal toy: whether its global p-value is at most alpha."""
    return [p <= alpha for p in global_pvalues(null, sig)]


def mcnemar(a, b):
    """Paired detections a, b: (toys only a detects, toys only b detects, exact two-sided p)."""
    x = sum(1 for i, j in zip(a, b) if i and not j)
    y = sum(1 for i, j in zip(a, b) if j and not i)
    n = x + y
    if n == 0:
        return x, y, 1.0
    return x, y, min(1.0, 2 * sum(math.comb(n, i) for i in range(min(x, y) + 1)) / 2 ** n)


def main(folder):
    res = collections.defaultdict(dict)
    for f in sorted(glob.glob(folder + "/*-null-*.jsonl")):
        m = re.match(r"(.*)-null-(.*)\.jsonl", f.split("/")[-1])
        study, tag = m.group(1), m.group(2)
        try:
            sig = load(f.replace("-null-", "-signal-"))
        except FileNotFoundError:
            continue
        null = load(f)
        if len(null) < 10 or len(sig) < 5:
            continue
        gp = global_pvalues(null, sig)
        pw = sum(1 for p in gp if p <= 0.05) / len(gp)
        res[study][tag] = (pw, len(gp), len(null))
    for study, tags in res.items():
        print(study)
        for tag, (pw, n, k) in tags.items():
            se = math.sqrt(pw * (1 - pw) / n)
            print(f"  {tag:28s} power {pw:.3f} ± {se:.3f} ({n} signal, {k} null)")


if __name__ == "__main__":
    main(sys.argv[1])
