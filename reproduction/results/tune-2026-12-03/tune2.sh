#!/bin/bash
# SPARKER_JAR: the jar of the commit that made these outputs; OUT: where they go (default: beside this script)
SPARKER_JAR=${SPARKER_JAR:-cli/target/sparker.jar}
OUT=${OUT:-$(dirname "$0")}
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
R="adam-data:optimizer=adam,center-units=data,learning-rate=0.05"
R="$R;adam-iw-lin:center-units=initial-width,center-rate=0.005,amplitude-rate=0.05"
R="$R;adam-iw-geo:center-units=initial-width,center-rate=0.005,amplitude-rate=0.05,annealing=geometric"
R="$R;adam-w-geo:center-units=width,center-rate=0.05,amplitude-rate=0.05,annealing=geometric"
R="$R;adam-w-geo-hold:center-units=width,center-rate=0.05,amplitude-rate=0.05,annealing=geometric,anneal-fraction=0.7"
R="$R;gd-w-geo:optimizer=gd,center-units=width,center-rate=1,amplitude-rate=1,annealing=geometric"
$JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar "$SPARKER_JAR" toy tune --seed 101 --null-toys 60 --signal-toys 60 --backend simd -q --recipes "$R" --benchmarks exp1d-extreme-tail,exp1d-bulk,gauss2d-bulk --out $OUT/tune2 > $OUT/tune2.log 2>&1
echo "exit $?" >> $OUT/tune2.log
