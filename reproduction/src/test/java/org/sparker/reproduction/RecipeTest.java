package org.sparker.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sparker.engine.Loss;
import org.sparker.engine.train.TrainerConfig;

/** Training recipes of {@code sparker toy tune}: every key, the base they change, and one-line errors. */
class RecipeTest {

    @Test
    void everyKeyChangesTheBaseConfiguration() {
        Recipe r = Recipe.parse("x:optimizer=adam,center-units=data,learning-rate=0.01,annealing=linear,"
                + "anneal-fraction=0.5,schedule=cosine,init=spread-pooled,explore-fraction=0.2,loss=bce,softmax=off,"
                + "steps=400,clip=7,l2=0.5");
        TrainerConfig c = r.applyTo(TrainerConfig.builder()).checkpoints(3).build();
        assertThat(c.optimizer()).isEqualTo(TrainerConfig.Optimizer.ADAM);
        assertThat(c.centerUnits()).isEqualTo(TrainerConfig.CenterUnits.DATA);
        assertThat(c.centerRate()).isEqualTo(0.01);
        assertThat(c.amplitudeRate()).isEqualTo(0.01);
        assertThat(c.annealing()).isEqualTo(TrainerConfig.Annealing.LINEAR);
        assertThat(c.annealFraction()).isEqualTo(0.5);
        assertThat(c.schedule()).isEqualTo(TrainerConfig.Schedule.COSINE);
        assertThat(c.initialization()).isEqualTo(TrainerConfig.Initialization.SPREAD_POOLED);
        assertThat(c.exploreFraction()).isEqualTo(0.2);
        assertThat(c.loss()).isEqualTo(Loss.BCE);
        assertThat(c.softmax()).isFalse();
        assertThat(c.steps()).isEqualTo(400);
        assertThat(c.amplitudeClip()).isEqualTo(7);
        assertThat(c.l2()).isEqualTo(0.5);
    }

    @Test
    void aRecipeWithoutSettingsIsTheBase() {
        List<Recipe> list = Recipe.parseList("default:;other");
        assertThat(list).extracting(Recipe::name).containsExactly("default", "other");
        assertThat(list.get(0).applyTo(TrainerConfig.builder()).build()).isEqualTo(TrainerConfig.builder().build());
    }

    @Test
    void badRecipesAreOneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> Recipe.parse("a:softmax=maybe").applyTo(TrainerConfig.builder()))
                .hasMessageContaining("recipe a: softmax=maybe");
        assertThatThrownBy(() -> Recipe.parse("a:colour=red").applyTo(TrainerConfig.builder()))
                .hasMessageContaining("unknown setting").hasMessageContaining("center-step-cap");
        assertThatThrownBy(() -> Recipe.parse("a:steps")).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> Recipe.parseList("a;a")).hasMessageContaining("share a name");
    }
}
