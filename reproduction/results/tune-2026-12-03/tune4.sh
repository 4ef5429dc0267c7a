#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
H="optimizer=hybrid,center-units=width,amplitude-rate=0.05"
R="hy-1-geo:$H,center-rate=1,annealing=geometric"
R="$R;hy-3-geo:$H,center-rate=3,annealing=geometric"
R="$R;hy-1-lin:$H,center-rate=1"
R="$R;hy-1-geo-hold:$H,center-rate=1,annealing=geometric,anneal-fraction=0.7"
R="$R;adam-w-geo-hold:center-units=width,center-rate=0.05,amplitude-rate=0.05,annealing=geometric,anneal-fraction=0.7"
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 40 --signal-toys 40 --backend simd -q --recipes "$R" --benchmarks exp1d-extreme-tail,exp1d-tail,exp1d-bulk,gauss2d-bulk --out $OUT/tune4 > $OUT/tune4.log 2>&1
echo "exit $?" >> $OUT/tune4.log
