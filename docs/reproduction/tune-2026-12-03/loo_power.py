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
        t0 = [combined(pvals(null[:k] + null[k + 1:], null[k])) for k in range(len(null))]
        gp = []
        for t in sig:
            c = combined(pvals(null, t))
            gp.append((1 + sum(1 for x in t0 if x >= c)) / (len(t0) + 1))
        pw = sum(1 for p in gp if p <= 0.05) / len(gp)
        res[study][tag] = (pw, len(gp), len(null))
    for study, tags in res.items():
        print(study)
        for tag, (pw, n, k) in tags.items():
            se = math.sqrt(pw * (1 - pw) / n)
            print(f"  {tag:28s} power {pw:.3f} ± {se:.3f} ({n} signal, {k} null)")


if __name__ == "__main__":
    main(sys.argv[1])
