"""Empirical against extrapolated Z for signal toys, from `sparker calibrate check-extrapolation --out FILE`.
Usage: python3 compare_z.py CHECK.json"""
import json, sys
import numpy as np
from scipy import stats

d = json.load(open(sys.argv[1]))
floor = 1.0 / (d["toys"] + 1)
print(f"calibration {d['calibration']}: {d['toys']} toys, floor 1/(K+1) = {floor:.4g} (Z {stats.norm.isf(floor):.2f})")
print("| signal toys | n | empirical p at the floor | extrapolated Z of those: median [25%, 75%] | both resolved: Spearman ρ (Z_emp, Z_ext) | median Z_emp − Z_ext |")
print("|---|---:|---:|---|---:|---:|")
for h in d["held_back"]:
    pe = np.array([t["empirical_p"] for t in h["per_toy"]])
    px = np.array([t["extrapolated_p"] if t["extrapolated_p"] is not None else np.nan for t in h["per_toy"]])
    ze, zx = stats.norm.isf(pe), stats.norm.isf(np.maximum(px, 1e-300))
    at = pe <= floor * (1 + 1e-9)
    res = ~at
    rho = stats.spearmanr(ze[res], zx[res]).statistic if res.sum() > 2 else float("nan")
    q = np.percentile(zx[at], [25, 50, 75]) if at.any() else [np.nan] * 3
    print(f"| {h['file'].split('/')[-1]} | {len(pe)} | {at.sum()} | {q[1]:.2f} [{q[0]:.2f}, {q[2]:.2f}] | {rho:.2f} | {np.median(ze[res] - zx[res]):.2f} |")
