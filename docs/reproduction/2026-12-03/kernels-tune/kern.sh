#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
$J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g -Djava.awt.headless=true -jar /tmp/sparker-s4h.jar toy tune --seed 101 --null-toys 40 --signal-toys 40 -q --recipes "default:;m8:kernels=8;m3:kernels=3" --benchmarks exp1d-extreme-tail,exp1d-tail,exp1d-bulk --out /tmp/s4/kern > /tmp/s4/kern.log 2>&1
echo "exit $?" >> /tmp/s4/kern.log
