package org.sparker.cli;

import java.util.Arrays;

/**
 * The command line in a child process of {@code HardeningTest} that holds its calibration once
 * {@code args[0]} toys are on disk, so that the test kills it at a known point.
 */
public final class HeldRun {

    private HeldRun() {
    }

    public static void main(String[] args) {
        Progress.holdAfter = Long.parseLong(args[0]);
        SparkerCli.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
