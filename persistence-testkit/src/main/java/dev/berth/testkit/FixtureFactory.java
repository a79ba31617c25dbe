package dev.berth.testkit;

import dev.berth.Berth;
import dev.berth.ContainerSpec;
import dev.berth.PersistentVolume;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Reads {@link PersistentContainer} and makes the volume, container and probe it asks for. */
final class FixtureFactory {
    private FixtureFactory() {
    }

    /** Checks the annotation before anything is created; errors name the class at fault. */
    static void validate(Class<?> testClass, PersistentContainer config) {
        if (recipeOf(testClass, config).isEmpty() && config.image().isBlank()) {
            throw new ExtensionConfigurationException("@PersistentContainer on " + testClass.getName()
                    + " needs an image or a recipe: @PersistentContainer(image = \"redis:7.0\", dataPath = \"/data\") "
                    + "or @PersistentContainer(recipe = Redis.class).");
        }
        if (recipeOf(testClass, config).isEmpty() && config.dataPath().isBlank()) {
            throw new ExtensionConfigurationException("@PersistentContainer(image = \"" + config.image() + "\") on "
                    + testClass.getName() + " needs dataPath: where the image keeps its data, such as \"/data\".");
        }
    }

    static Fixture create(Berth berth, Class<?> testClass, PersistentContainer config, String name) {
        Optional<Recipe> recipe = recipeOf(testClass, config);
        String dataPath = config.dataPath().isBlank() ? recipe.orElseThrow().dataPath() : config.dataPath();
        PersistentVolume volume = berth.volume("data-" + name).create();
        StatefulContainer.Builder spec = berth.container(name);
        recipe.ifPresent(spec::recipe);
        if (!config.image().isBlank()) {
            spec.image(config.image());
        }
        if (config.command().length > 0) {
            spec.command(config.command());
        }
        StatefulContainer container = spec.mount(volume, dataPath).start();
        return new Fixture(container, volume, Probes.defaultFor(container));
    }

    private static Optional<Recipe> recipeOf(Class<?> testClass, PersistentContainer config) {
        Class<? extends Recipe> type = config.recipe();
        if (type == Recipe.class) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.getDeclaredConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new ExtensionConfigurationException("@PersistentContainer(recipe = " + type.getSimpleName()
                    + ".class) on " + testClass.getName() + ": the recipe needs a public no-argument constructor.", e);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException("@PersistentContainer(recipe = " + type.getSimpleName()
                    + ".class) on " + testClass.getName() + ": its constructor failed: " + e.getCause(), e.getCause());
        }
    }
}
