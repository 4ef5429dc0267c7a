package org.sparker.engine.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Loss;

/** The integer codes and launch constants the host uses are the ones the device code uses. */
class KernelCodesTest {

    private static Map<String, Integer> enumValues(String source, String name) {
        Matcher m = Pattern.compile("enum\\s+" + name + "\\s*\\{([^}]*)}").matcher(source);
        assertThat(m.find()).as("enum %s in the .cu", name).isTrue();
        Map<String, Integer> values = new HashMap<>();
        for (String entry : m.group(1).split(",")) {
            String[] kv = entry.trim().split("=");
            values.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return values;
    }

    @Test
    void lossAndModeCodesMatchTheCudaSource() throws Exception {
        String cu = Files.readString(Path.of("src/main/cuda/sparker_kernels.cu"));
        Map<String, Integer> loss = enumValues(cu, "LossCode");
        for (CudaKernels.LossCode c : CudaKernels.LossCode.values()) {
            assertThat(loss.get("LOSS_" + c.name())).as("LOSS_%s", c.name()).isEqualTo(c.code);
        }
        assertThat(loss).hasSize(CudaKernels.LossCode.values().length);
        Map<String, Integer> mode = enumValues(cu, "ForwardMode");
        for (CudaKernels.ForwardMode f : CudaKernels.ForwardMode.values()) {
            assertThat(mode.get("MODE_" + f.name())).as("MODE_%s", f.name()).isEqualTo(f.code);
        }
        assertThat(mode).hasSize(CudaKernels.ForwardMode.values().length);
        Matcher coords = Pattern.compile("#define\\s+CENTER_COORDS\\s+(\\d+)").matcher(cu);
        assertThat(coords.find()).as("CENTER_COORDS in the .cu").isTrue();
        assertThat(Integer.parseInt(coords.group(1))).as("CENTER_COORDS").isEqualTo(CudaKernels.CENTER_COORDS);
        for (Loss l : Loss.values()) {
            assertThat(CudaKernels.LossCode.of(l).name()).isEqualTo(l.name());
        }
    }
}
