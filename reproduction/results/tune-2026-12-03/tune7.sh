#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
H="optimizer=hybrid,center-units=width,amplitude-rate=0.05"
R="hy3g-mixed:$H,center-rate=3,annealing=geometric,init=mixed"
R="$R;hy3l-mixed:$H,center-rate=3,init=mixed"
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 40 --signal-toys 40 --backend simd -q --recipes "$R" --benchmarks exp1d-bulk,exp1d-extreme-tail,exp1d-tail --out $OUT/tune7 > $OUT/tune7.log 2>&1
echo "exit $?" >> $OUT/tune7.log
