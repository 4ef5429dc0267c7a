"""The centre-step cap never engages on the seed-2026 toys: the first 40 null and signal toys of
every table, retrained at the default with the cap (the files beside this script), against the
committed files made before the cap existed. Usage: python3 compare.py"""
import json, glob, sys, os
import os.path
HERE = os.path.dirname(os.path.abspath(__file__))
base = os.path.dirname(HERE)
ref = {
 'exp1d-bulk': (base+'/fig12-1d/table1-null-bulk-sparker.jsonl', base+'/fig12-1d/table1-signal-bulk-sparker.jsonl'),
 'exp1d-tail': (base+'/fig12-1d/table1-null-bulk-sparker.jsonl', base+'/fig12-1d/table1-signal-tail-sparker.jsonl'),
 'exp1d-extreme-tail': (base+'/losses-softmax/tune-exp1d-extreme-tail-null-np.jsonl', base+'/losses-softmax/tune-exp1d-extreme-tail-signal-np.jsonl'),
 'exp1d-excess': (base+'/fig12-1d/table1-null-bulk-sparker.jsonl', base+'/fig12-1d/table1-signal-excess-sparker.jsonl'),
 'gauss2d-bulk': (base+'/gauss2d-bulk/tune-gauss2d-bulk-null-default.jsonl', base+'/gauss2d-bulk/tune-gauss2d-bulk-signal-default.jsonl'),
 'gauss2d-extreme-tail': (base+'/gauss2d-extreme-tail/tune-gauss2d-extreme-tail-null-default.jsonl', base+'/gauss2d-extreme-tail/tune-gauss2d-extreme-tail-signal-default.jsonl'),
}
for r in ('bce','mse','no-softmax'):
    ref['exp1d-extreme-tail/'+r] = (base+'/losses-softmax/tune-exp1d-extreme-tail-null-%s.jsonl'%r, base+'/losses-softmax/tune-exp1d-extreme-tail-signal-%s.jsonl'%r)
def load(f):
    out = {}
    for line in open(f).read().strip().split('\n')[1:]:
        j = json.loads(line); out[j['toy']] = (j['seed'], j['t'])
    return out
total = same = 0
for key, (nf, sf) in ref.items():
    bench, _, recipe = key.partition('/'); recipe = recipe or 'default'
    folder = HERE
    for kind, rf in (('null', nf), ('signal', sf)):
        nf2 = '%s/tune-%s-%s-%s.jsonl' % (folder, bench, kind, recipe)
        if not os.path.exists(nf2): print(key, kind, 'missing'); continue
        new = load(nf2); old = load(rf)
        n = s = 0
        for toy, v in new.items():
            n += 1; s += (old.get(toy) == v)
        total += n; same += s
        print('%-28s %-6s %3d toys, %3d bit-identical' % (key, kind, n, s))
print('all', total, same)
