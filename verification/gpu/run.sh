#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, after verification/gpu/pack.sh made .gpu/:
# unpacks the pack, then (1) the CUDA and SIMD cross-backend tests against the reference, (2) the
# backends list, (3) end-to-end checks: the same calibration toys and kernel-NP run with simd and
# with cuda from one seed, their test statistics compared, (4) sparker bench with the Table VII
# workloads and two shapes beyond the 64-kernel cache, simd against cuda in the same rounds.
# Writes everything under $OUT (or .gpu/out when OUT is unset). Each stage has its own time
# limit, so one stage that hangs leaves the others' results. STAGES (default "tests backends e2e
# bench") picks stages.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$here/out}"
mkdir -p "$out"
if [[ ! -x "$here/jre/bin/java" ]]; then
  tar -C "$here" -xJf "$here/pack.tar.xz" || { echo "run: cannot unpack $here/pack.tar.xz"; exit 1; }
fi
java="$here/jre/bin/java"
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
{ nvidia-smi; nvidia-smi -q -d CLOCK; nproc; grep -m1 'model name' /proc/cpuinfo; } > "$out/host.txt" 2>&1
"$java" -version >> "$out/host.txt" 2>&1

libs="$(ls "$here"/lib/*.jar | tr '\n' ':')"
cp="$here/test-classes:$libs$(ls "$here"/testlib/*.jar | tr '\n' ':')"
stages=" ${STAGES:-tests backends e2e bench} "
tests=0; e2e_status=0; bench=0
if [[ "$stages" == *" tests "* ]]; then
echo "== tests"
timeout "${TEST_LIMIT_S:-240}" "$java" "${flags[@]}" -Xss4m -Xmx16g -jar "$here"/junit-platform-console-standalone-*.jar \
  execute --class-path "$cp" --select-class org.sparker.verification.CudaAgreementTest \
  --select-class org.sparker.verification.SimdAgreementTest --select-class org.sparker.verification.InputValidationTest \
  --select-class org.sparker.verification.BackendDiscoveryTest --details=tree --disable-banner --disable-ansi-colors \
  --config=jqwik.database="$(mktemp -d)/jqwik-database" --reports-dir "$(mktemp -d)" > "$out/tests.txt" 2>&1
tests=$?
grep -E "tests (successful|failed|skipped|aborted)|✘|MethodSource|Exception" "$out/tests.txt" | head -60
fi

if [[ "$stages" == *" backends "* ]]; then
echo "== backends"
"$java" "${flags[@]}" -cp "$libs" org.sparker.cli.SparkerCli backends 2>&1 | tee "$out/backends.txt"

fi
if [[ "$stages" == *" e2e "* ]]; then
echo "== end to end: the same seed with simd and with cuda"
# SparKer calibration toys (M = 5) and a kernel-NP run (300 Nyström centres: the forward pass
# beyond the cuda backend's 64-kernel cache); every test statistic compared.
e2e="$(mktemp -d)"
python3 -c "import numpy as np; g = np.random.default_rng(5); np.save('$e2e/R.npy', g.normal(size=(20000, 4))); \
np.save('$e2e/R5k.npy', g.normal(size=(5000, 4))); np.save('$e2e/D.npy', g.normal(size=(1000, 4)))"
for b in simd cuda; do
  timeout "${E2E_LIMIT_S:-90}" "$java" "${flags[@]}" -XX:+UseParallelGC -Xmx16g -cp "$libs" org.sparker.cli.SparkerCli \
    calibrate --reference "$e2e/R.npy" --data-size 5000 --toys 6 --seed 11 --backend "$b" --out "$e2e/cal-$b.jsonl" 2>&1 | tail -1
  [[ "${PIPESTATUS[0]}" == 0 ]] || e2e_status=1
  timeout "${E2E_LIMIT_S:-90}" "$java" "${flags[@]}" -XX:+UseParallelGC -Xmx16g -cp "$libs" org.sparker.cli.SparkerCli \
    run --method kernel-np --np-centres 300 --reference "$e2e/R5k.npy" --data "$e2e/D.npy" --toys 5 --seed 11 \
    --backend "$b" --out "$e2e/np-$b" 2>&1 | tail -2
  [[ "${PIPESTATUS[0]}" == 0 ]] || e2e_status=1
done
python3 - "$e2e" <<'PY' 2>&1 | tee "$out/e2e.txt" || e2e_status=1
import json, sys
e2e = sys.argv[1]
def toys(p):
    return {r["toy"]: r["t"] for r in map(json.loads, open(p).read().splitlines()[1:])}
def rel(x, y):
    return abs(x - y) / max(1.0, abs(x))
a, b = toys(f"{e2e}/cal-simd.jsonl"), toys(f"{e2e}/cal-cuda.jsonl")
assert a.keys() == b.keys() and a, "different toys"
for k in sorted(a):
    print(f"sparker toy {k}: relative differences of t by checkpoint " + " ".join(f"{rel(x, y):.1e}" for x, y in zip(a[k], b[k])))
ra, rb = (json.load(open(f"{e2e}/np-{x}/result.json")) for x in ("simd", "cuda"))
for key in ("combined_statistic", "p_value"):
    print(f"kernel-np {key}: simd {ra[key]!r}, cuda {rb[key]!r}, relative difference {rel(ra[key], rb[key]):.1e}")
ca, cb = (open(f"{e2e}/np-{x}/calibration.jsonl").read().splitlines()[1:] for x in ("simd", "cuda"))
worst = 0.0
for la, lb in zip(ca, cb):
    ta, tb = json.loads(la)["t"], json.loads(lb)["t"]
    worst = max([worst] + [rel(x, y) for x, y in zip(ta, tb)])
print(f"kernel-np calibration: {len(ca)} toys, largest relative difference of t {worst:.1e}")
PY

fi
if [[ "$stages" == *" bench "* ]]; then
echo "== bench"
timeout "${BENCH_LIMIT_S:-200}" "$java" "${flags[@]}" -XX:+UseParallelGC -Xmx32g -cp "$libs" org.sparker.cli.SparkerCli \
  bench --table7 --shape 100000,128,100 --shape 100000,1000,20 --backends simd,cuda --repeat 3 --warmup 1 --out "$out/bench.json" > "$out/bench.txt" 2>&1
bench=$?
grep -v '^bench:' "$out/bench.txt"
fi
echo "tests exit $tests, end-to-end exit $e2e_status, bench exit $bench"
exit $(( tests != 0 || bench != 0 || e2e_status != 0 ))
