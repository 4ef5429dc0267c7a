#!/usr/bin/env bash
# Packs what the GPU machine needs to verify the cuda backend — it has no Java and no network —
# into .gpu/ at the repository root (ignored by git): a jlink'd runtime, the engine and CLI jars
# with their runtime libraries, the verification test classes and test tools, and the JUnit
# console launcher. Carry .gpu to the device and run `bash .gpu/run.sh` there.
#
# The device takes at most 64 MiB with the repository, so the pack leaves out what the GPU run
# never loads (java.desktop and the report's chart libraries, XChart and PDFBox; every JCuda
# native library but the driver's; the class-data-sharing archives; native debug symbols) and
# travels as one xz archive, .gpu/pack.tar.xz (about 30 MiB), that run.sh unpacks on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"

jdk=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [[ -n "$j" && -x "$j/bin/jlink" ]] || continue
  v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$j/release" 2>/dev/null || true)"
  if [[ -n "$v" && "$v" -ge 21 ]]; then jdk="$j"; fi
done
[[ -n "$jdk" ]] || { echo "pack: no JDK ≥ 21 with jlink found" >&2; exit 1; }

echo "pack: building with Maven (tests skipped here)…"
mvn -q -B -DskipTests install
mkdir -p "$out/lib" "$out/testlib"

# runtime: the CLI and everything it needs, but not the report's chart libraries
mvn -q -B dependency:copy-dependencies -pl cli -DincludeScope=runtime -DoutputDirectory="$out/lib"
cp cli/target/cli-*.jar "$out/lib/"
rm -f "$out"/lib/xchart-*.jar "$out"/lib/pdfbox*.jar "$out"/lib/fontbox-*.jar "$out"/lib/VectorGraphics2D-*.jar \
  "$out"/lib/graphics2d-*.jar "$out"/lib/commons-logging-*.jar "$out"/lib/cli-*-tests.jar
# JCuda natives: only the driver library is loaded
natives="$(ls "$out"/lib/jcuda-natives-*.jar)"
tmp="$(mktemp -d)"
(cd "$tmp" && "$jdk/bin/jar" xf "$natives" && find lib -type f ! -name 'libJCudaDriver-*' -delete && "$jdk/bin/jar" cf "$out/lib/$(basename "$natives")" .)
rm -rf "$tmp"

# test tools and classes
mvn -q -B dependency:copy-dependencies -pl verification -DincludeScope=test -DoutputDirectory="$out/testlib"
find "$out/testlib" -name '*.jar' | grep -vE '/(junit|jqwik|assertj|byte-buddy|opentest4j|apiguardian)[^/]*\.jar$' | xargs rm -f
mvn -q -B dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 -DoutputDirectory="$out"
cp -r verification/target/test-classes "$out/test-classes"

echo "pack: jlink runtime from $jdk…"
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,java.xml,jdk.unsupported,jdk.incubator.vector \
  --strip-debug --no-header-files --no-man-pages --compress=zip-0 --output "$out/jre"
rm -f "$out"/jre/lib/server/*.jsa
strip --strip-unneeded "$out"/jre/lib/server/libjvm.so 2>/dev/null || true
echo "pack: compressing…"
rm -rf "$root/.gpu"
mkdir -p "$root/.gpu"
tar -C "$out" -cJf "$root/.gpu/pack.tar.xz" .
cp verification/gpu/run.sh "$root/.gpu/run.sh"
size=$(du -sm "$root/.gpu" | cut -f1)
echo "pack: .gpu is $size MiB"
if [[ "$size" -gt 48 ]]; then echo "pack: warning: $size MiB leaves little of the device's 64 MiB for the repository" >&2; fi
echo "pack: done; on the device run: bash .gpu/run.sh"
