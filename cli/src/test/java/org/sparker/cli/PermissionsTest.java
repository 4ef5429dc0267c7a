package org.sparker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sparker.cli.SparkerCliTest.flat;
import static org.sparker.cli.SparkerCliTest.gaussian;
import static org.sparker.cli.SparkerCliTest.npy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permission errors, in a child JVM that the file permissions bind: an unreadable input and an
 * output folder without write permission give one line that names the file and says "permission
 * denied", exit code 1, and nothing written. Root ignores permissions, so as root the child runs
 * under {@code setpriv} without the two capabilities that let it (the machines here run as root);
 * without setpriv there the test is skipped.
 */
class PermissionsTest {

    @TempDir
    Path dir;

    private Path ref;
    private Path data;

    @BeforeEach
    void inputs() throws IOException {
        ref = npy(dir.resolve("ref.npy"), "<f4", 300, 2, flat(gaussian(new SplittableRandom(1), 300, 2, 0)), false);
        data = npy(dir.resolve("data.npy"), "<f4", 100, 2, flat(gaussian(new SplittableRandom(2), 100, 2, 0)), false);
    }

    private record Child(int code, String out, String err) {
    }

    private Child sparker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(setprivDropsCapabilities(), "root without a working setpriv: permissions cannot bind");
            command.addAll(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "org.sparker.cli.SparkerCli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        int code = p.waitFor();
        return new Child(code, Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** Whether setpriv exists here and may drop capabilities (a container without CAP_SETPCAP may not). */
    private static boolean setprivDropsCapabilities() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return false;
        }
        Process probe = new ProcessBuilder("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--",
                "true").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor() == 0;
    }

    private static List<String> ours(String err) {
        return err.lines().filter(l -> l.startsWith("sparker")).toList();
    }

    @Test
    void anUnreadableInputIsNamed() throws Exception {
        Files.setPosixFilePermissions(ref, PosixFilePermissions.fromString("---------"));
        Child c = sparker("run", "--reference", ref.toString(), "--data", data.toString(), "--toys", "2", "-q", "--out",
                dir.resolve("out").toString());
        assertThat(c.code()).as(c.err()).isEqualTo(1);
        assertThat(ours(c.err())).singleElement()
                .isEqualTo("sparker: " + ref + ": permission denied (the file is not readable by this user)");
        assertThat(c.err()).doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFolderWithoutWritePermissionIsNamedAndNothingIsWritten() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        Child run = sparker("run", "--reference", ref.toString(), "--data", data.toString(), "--toys", "2", "--steps",
                "50", "-q", "--out", locked.resolve("out").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(ours(run.err())).singleElement().asString().contains(locked.toString()).contains("permission denied");

        Child cal = sparker("calibrate", "--reference", ref.toString(), "--data-size", "100", "--toys", "2",
                "--steps", "50", "-q", "--out", locked.resolve("cal.jsonl").toString());
        assertThat(cal.code()).as(cal.err()).isEqualTo(1);
        assertThat(ours(cal.err())).singleElement().asString().contains(locked.toString()).contains("permission denied");
        try (var left = Files.list(locked)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
