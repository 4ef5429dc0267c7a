package org.sparker.reproduction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The published numbers the studies compare with, read from {@code published.json} beside this
 * class (which also says where each comes from).
 */
public final class PublishedValues {

    /** One row of the kernel NP reference: width, null median of {@code t}, power for {@code Z > 2}. */
    public record KernelNpRow(double sigma, double nullMedian, double powerZAboveTwo) {
    }

    private static final JsonNode ROOT = load();

    private PublishedValues() {
    }

    private static JsonNode load() {
        try (InputStream in = PublishedValues.class.getResourceAsStream("published.json")) {
            if (in == null) {
                throw new IllegalStateException("published.json is missing from the reproduction module");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("published.json cannot be read", e);
        }
    }

    /** The paper's power at 5% for {@code variant} of {@code study} (Tables IV, V), if it gives one. */
    public static OptionalDouble power(String study, String variant) {
        JsonNode v = ROOT.path("power_at_5_percent").path(study).path(variant);
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    /** The kernel NP reference rows, in order of width. */
    public static List<KernelNpRow> kernelNpReference() {
        List<KernelNpRow> rows = new ArrayList<>();
        for (JsonNode r : ROOT.path("kernel_np_reference")) {
            rows.add(new KernelNpRow(r.get("sigma").asDouble(), r.get("null_median").asDouble(),
                    r.get("power_z_above_2").asDouble()));
        }
        return List.copyOf(rows);
    }
}
