package org.sparker.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a benchmark result must say about the machine: the CPU, its vector instruction sets, the
 * vector width the JVM's Vector API prefers (which {@code -XX:UseAVX} can lower), the last-level
 * cache (to tell a cache rate from a DRAM rate), processors and the JVM.
 */
public record HostInfo(String cpu, List<String> vectorFlags, int preferredVectorBits, String useAvx,
        long lastLevelCacheBytes, int processors, String java) {

    /** The x86 and Arm flags that decide which vector instructions exist. */
    private static final Set<String> INTERESTING = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
            "avx512dq", "avx512vl", "avx512bw", "avx512_fp16", "asimd", "sve", "sve2");

    /** The host this JVM runs on. */
    public static HostInfo current() {
        String cpu = "unknown";
        String family = "";
        String model = "";
        List<String> flags = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                String l = line.toLowerCase(Locale.ROOT);
                if (cpu.equals("unknown") && (l.startsWith("model name") || l.startsWith("cpu model"))) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                // x86 family and model: they tell core generations apart where the name does not
                // (an "AMD EPYC" may be Zen 4, family 25, or Zen 5, family 26)
                if (family.isEmpty() && l.matches("cpu family\\s*:.*")) {
                    family = line.substring(line.indexOf(':') + 1).trim();
                }
                if (model.isEmpty() && l.matches("model\\s*:.*")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if (flags.isEmpty() && (l.startsWith("flags") || l.startsWith("features"))) {
                    for (String f : l.substring(l.indexOf(':') + 1).trim().split("\\s+")) {
                        if (INTERESTING.contains(f)) {
                            flags.add(f);
                        }
                    }
                }
            }
            if (!family.isEmpty()) {
                cpu += " (family " + family + (model.isEmpty() ? "" : " model " + model) + ")";
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        return new HostInfo(cpu, List.copyOf(flags), preferredBits(), vmOption("UseAVX"), lastLevelCache(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version());
    }

    /** The Vector API's preferred vector size in bits, or 0 without the incubator module. */
    private static int preferredBits() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        try {
            return VectorBits.preferred();
        } catch (LinkageError | RuntimeException e) {
            return 0;
        }
    }

    /** Loaded only when the incubator module is present. */
    private static final class VectorBits {
        static int preferred() {
            return jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize();
        }
    }

    private static String vmOption(String name) {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? "" : bean.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** The largest cache of cpu0 in bytes (Linux sysfs), or 0 when unknown. */
    private static long lastLevelCache() {
        long best = 0;
        for (int i = 0; i < 8; i++) {
            Path size = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i + "/size");
            try {
                String s = Files.readString(size).trim().toUpperCase(Locale.ROOT);
                long mult = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1024 * 1024 : 1;
                String digits = s.replaceAll("[^0-9]", "");
                if (!digits.isEmpty()) {
                    best = Math.max(best, Long.parseLong(digits) * mult);
                }
            } catch (IOException | RuntimeException e) {
                break;
            }
        }
        return best;
    }

    /** One line for a terminal. */
    public String describe() {
        return cpu + "; " + processors + " processors; vector flags " + String.join(" ", vectorFlags)
                + "; Vector API " + (preferredVectorBits == 0 ? "absent" : preferredVectorBits + "-bit")
                + (useAvx.isEmpty() ? "" : " (UseAVX=" + useAvx + ")") + "; last-level cache "
                + (lastLevelCacheBytes == 0 ? "unknown" : lastLevelCacheBytes / (1024 * 1024) + " MiB") + "; " + java;
    }

}
