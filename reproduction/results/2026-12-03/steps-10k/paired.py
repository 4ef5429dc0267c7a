"""Paired comparison of the default (2,000 steps) and 10,000 steps on the same 40 extreme-tail signal toys of the
tuning seed 101: detection per toy at 5% (loo_power.py's p-values), exact McNemar. Usage: python3 paired.py"""
import importlib.util, os
here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("lp", os.path.join(here, "..", "..", "tune-2026-12-03", "loo_power.py"))
lp = importlib.util.module_from_spec(spec); spec.loader.exec_module(lp)
tune9 = os.path.join(here, "..", "..", "tune-2026-12-03", "tune9")
def detected(null_file, signal_file):
    return lp.detected(lp.load(null_file), lp.load(signal_file))
a = detected(os.path.join(tune9, "tune-exp1d-extreme-tail-null-hy3g-spread-c5.jsonl"),
             os.path.join(tune9, "tune-exp1d-extreme-tail-signal-hy3g-spread-c5.jsonl"))
b = detected(os.path.join(here, "tune-exp1d-extreme-tail-null-s10k.jsonl"),
             os.path.join(here, "tune-exp1d-extreme-tail-signal-s10k.jsonl"))
only_a, only_b, p = lp.mcnemar(a, b)
print(f"2,000 steps {sum(a)}/{len(a)}, 10,000 steps {sum(b)}/{len(b)}; only 2,000: {only_a}, only 10,000: {only_b}, McNemar p = {p:.3g}")
