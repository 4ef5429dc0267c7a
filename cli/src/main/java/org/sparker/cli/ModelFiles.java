package org.sparker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.sparker.engine.KernelModel;

/** The model file: {@code {"sigma": s, "centers": [[...], ...], "amplitudes": [...], "softmax": true}}. */
final class ModelFiles {

    private ModelFiles() {
    }

    static Map<String, Object> toJson(KernelModel model) {
        double[][] centers = new double[model.kernels()][];
        for (int i = 0; i < model.kernels(); i++) {
            centers[i] = model.center(i);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sigma", model.width());
        m.put("centers", centers);
        m.put("amplitudes", model.amplitudes());
        m.put("softmax", model.softmax());
        return m;
    }

    static void write(Path file, KernelModel model) {
        OutputFiles.writeJson(file, toJson(model));
    }

    static KernelModel read(Path file) {
        JsonNode n;
        try {
            n = OutputFiles.JSON.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": not a valid JSON model file (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        JsonNode sigma = n.get("sigma");
        JsonNode centers = n.get("centers");
        JsonNode amplitudes = n.get("amplitudes");
        if (sigma == null || !sigma.isNumber() || centers == null || !centers.isArray() || amplitudes == null
                || !amplitudes.isArray()) {
            throw new UserError(file + ": a model needs \"sigma\" (number), \"centers\" (list of lists) and "
                    + "\"amplitudes\" (list)");
        }
        double[][] c = new double[centers.size()][];
        for (int i = 0; i < c.length; i++) {
            JsonNode row = centers.get(i);
            if (!row.isArray()) {
                throw new UserError(file + ": centers[" + i + "] is not a list");
            }
            c[i] = new double[row.size()];
            for (int k = 0; k < c[i].length; k++) {
                if (!row.get(k).isNumber()) {
                    throw new UserError(file + ": centers[" + i + "][" + k + "] is not a number");
                }
                c[i][k] = row.get(k).asDouble();
            }
        }
        double[] a = new double[amplitudes.size()];
        for (int i = 0; i < a.length; i++) {
            if (!amplitudes.get(i).isNumber()) {
                throw new UserError(file + ": amplitudes[" + i + "] is not a number");
            }
            a[i] = amplitudes.get(i).asDouble();
        }
        boolean softmax = !n.has("softmax") || n.get("softmax").asBoolean(true);
        if (c.length != a.length) {
            throw new UserError(file + ": " + c.length + " centres but " + a.length + " amplitudes");
        }
        try {
            return KernelModel.of(c, a, sigma.asDouble(), softmax);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }
}
