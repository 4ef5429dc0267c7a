package org.sparker.cli;

import picocli.CommandLine.Option;

/** {@code -q}: the same in every command: no progress; the result line and warnings are still printed. */
final class QuietOption {

    @Option(names = {"-q", "--quiet"}, description = "No progress; the result line and warnings are still printed.")
    boolean quiet;
}
