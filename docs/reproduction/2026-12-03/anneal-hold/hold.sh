#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
$J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar /tmp/sparker-s4i.jar toy tune --seed 101 --null-toys 40 --signal-toys 40 -q --recipes "default:;hold70:anneal-fraction=0.7;hold85:anneal-fraction=0.85" --benchmarks exp1d-extreme-tail --out /tmp/s4/hold > /tmp/s4/hold.log 2>&1
echo "exit $?" >> /tmp/s4/hold.log
