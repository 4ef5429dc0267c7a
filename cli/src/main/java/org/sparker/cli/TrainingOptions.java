package org.sparker.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sparker.app.UserError;
import org.sparker.engine.train.TrainerConfig;
import org.sparker.engine.train.TrainerSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training options of {@code run}, {@code calibrate}, {@code toy}, {@code demo} and
 * {@code invariance}, made from the one settings table ({@link TrainerSettings}): each setting is
 * {@code --NAME VALUE}, its help and default from the table; the softmax setting is the flag
 * {@code --no-softmax}, the reseeding the flag {@code --reseed-duplicates}. Commands that train implement {@link Command}, and {@link SparkerCli}
 * adds these options to them.
 */
final class TrainingOptions {

    /** A command with training options. */
    interface Command {
        TrainingOptions training();
    }

    /** The values given on the command line, by option name, in the order given. */
    private final Map<String, String> given = new LinkedHashMap<>();

    /** The options as a picocli mixin. */
    CommandSpec mixin() {
        CommandSpec spec = CommandSpec.create();
        for (TrainerSettings.Setting s : TrainerSettings.ALL) {
            if (s.option().equals("softmax")) {
                spec.addOption(OptionSpec.builder("--no-softmax").arity("0")
                        .description("Ablation: f = Σ a_i k_i without the softmax competition.")
                        .setter(setter("softmax", v -> "off")).build());
                continue;
            }
            if (s.option().equals("reseed-duplicates")) {
                spec.addOption(OptionSpec.builder("--reseed-duplicates").arity("0")
                        .description(s.description().replace(" (default: off).", " (default: off; a calibration "
                                + "must be made with the same choice)."))
                        .setter(setter("reseed-duplicates", v -> "on")).build());
                continue;
            }
            spec.addOption(OptionSpec.builder("--" + s.option()).paramLabel(s.label()).type(String.class)
                    .description(s.description()).setter(setter(s.option(), v -> v)).build());
        }
        return spec;
    }

    private ISetter setter(String option, java.util.function.UnaryOperator<String> value) {
        return new ISetter() {
            @Override
            public <T> T set(T v) {
                if (v != null) {
                    given.put(option, value.apply(String.valueOf(v)));
                }
                return null;
            }
        };
    }

    /** The configuration; every bad value is a one-line error naming its option. */
    TrainerConfig config() {
        TrainerConfig.Builder b = TrainerConfig.builder();
        for (Map.Entry<String, String> e : given.entrySet()) {
            try {
                TrainerSettings.apply(b, e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw new UserError("--" + ex.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // the remaining cross-option rule: checkpoints within the annealing steps
            throw new UserError("--checkpoints: " + e.getMessage().replaceFirst("^checkpoints: ", ""));
        }
    }
}
