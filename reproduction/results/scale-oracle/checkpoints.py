#!/usr/bin/env python3
"""Per checkpoint, what a trained model's statistic does on the anomaly-free and the signal toys of
one `sparker toy tune` run (issue #31, item 5): the median t of each, the 95th percentile of the
anomaly-free t, and the share of signal toys above it (the power that checkpoint alone would have
at that estimated cut; the cut comes from the same anomaly-free toys, so it is a diagnostic, not a
calibrated test). Median signal t minus median anomaly-free t is the part of the statistic the
signal adds, to set beside the best model's expected gain from oracle.py (2 N(R) times minus its
population loss per event).
Usage: checkpoints.py NAME NULL.jsonl SIGNAL.jsonl [NAME NULL.jsonl SIGNAL.jsonl ...]"""
import json, sys
import numpy as np

def load(path):
    """The widths of a toy file's header and its toys' statistics, one row per toy; exits with one
    line naming the file when it cannot be read as such."""
    try:
        lines = [json.loads(l) for l in open(path)]
        return lines[0]['widths'], np.array([r['t'] for r in lines[1:] if 't' in r], dtype=float)
    except (OSError, ValueError, KeyError, IndexError) as e:
        sys.exit('checkpoints.py: %s: not a readable toy file (%s)' % (path, e))

def main():
    args = sys.argv[1:]
    if not args or len(args) % 3:
        sys.exit('usage: checkpoints.py NAME NULL.jsonl SIGNAL.jsonl [...]')
    print('| run | width | anomaly-free median t | its 95th percentile | signal median t | added by the signal | signal toys above the cut |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for name, null_path, signal_path in zip(args[::3], args[1::3], args[2::3]):
        widths, null = load(null_path)
        widths_signal, signal = load(signal_path)
        if widths != widths_signal:
            sys.exit('%s and %s have different widths: not the same calibration' % (null_path, signal_path))
        for j, w in enumerate(widths):
            cut = np.quantile(null[:, j], 0.95)
            print('| %s (%d/%d toys) | %.2f | %.1f | %.1f | %.1f | %.1f | %.2f |' % (
                name, len(null), len(signal), w, np.median(null[:, j]), cut, np.median(signal[:, j]),
                np.median(signal[:, j]) - np.median(null[:, j]), np.mean(signal[:, j] > cut)))

if __name__ == '__main__':
    main()
