#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, after verification/gpu/pack.sh made .gpu/:
# the CUDA and SIMD cross-backend tests against the reference, then sparker bench with the
# Table VII workloads. Writes everything under $OUT (or .gpu/out when OUT is unset).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-$here/out}"
mkdir -p "$out"
java="$here/jre/bin/java"
nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || echo "no nvidia-smi" > "$out/nvidia-smi.txt"
"$java" -version > "$out/java-version.txt" 2>&1

libs="$(ls "$here"/lib/*.jar | tr '\n' ':')"
cp="$here/test-classes:$libs$(ls "$here"/testlib/*.jar | tr '\n' ':')"
"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m -Xmx16g -jar "$here"/junit-platform-console-standalone-*.jar \
  execute --class-path "$cp" --select-class org.sparker.verification.CudaAgreementTest \
  --select-class org.sparker.verification.SimdAgreementTest --select-class org.sparker.verification.InputValidationTest \
  --select-class org.sparker.verification.BackendDiscoveryTest --details=summary --disable-banner \
  --config=jqwik.database="$out/jqwik-database" --reports-dir "$out/junit" 2>&1 | tee "$out/tests.txt"
tests=${PIPESTATUS[0]}

"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Xmx32g -cp "$libs" org.sparker.cli.SparkerCli \
  backends 2>&1 | tee "$out/backends.txt"
"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Xmx32g -cp "$libs" org.sparker.cli.SparkerCli \
  bench --table7 --backends reference,simd,cuda --out "$out/bench.json" 2>&1 | tee "$out/bench.txt"
bench=${PIPESTATUS[0]}
echo "tests exit $tests, bench exit $bench"
exit $(( tests != 0 || bench != 0 ))
