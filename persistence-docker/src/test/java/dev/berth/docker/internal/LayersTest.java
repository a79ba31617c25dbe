package dev.berth.docker.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house rules of persistence-docker: each internal package imports only the ones below it, docker-java is known to
 * the engine package alone, and the archive package is pure.
 */
@AnalyzeClasses(packages = "dev.berth.docker", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
    private static final String INTERNAL = "dev.berth.docker.internal.";

    @ArchTest
    static final ArchRule eachLayerImportsOnlyTheOnesBelowIt = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("common").definedBy(INTERNAL + "common..")
            .layer("engine").definedBy(INTERNAL + "engine..")
            .layer("archive").definedBy(INTERNAL + "archive..")
            .layer("node").definedBy(INTERNAL + "node..")
            .layer("volume").definedBy(INTERNAL + "volume..")
            .layer("guard").definedBy(INTERNAL + "guard..")
            .layer("container").definedBy(INTERNAL + "container..")
            .layer("snapshot").definedBy(INTERNAL + "snapshot..")
            .layer("cluster").definedBy(INTERNAL + "cluster..")
            .layer("wiring").definedBy("dev.berth.docker", "dev.berth.docker.internal")
            .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("cluster").mayOnlyBeAccessedByLayers("wiring")
            .whereLayer("snapshot").mayOnlyBeAccessedByLayers("cluster", "wiring")
            .whereLayer("container").mayOnlyBeAccessedByLayers("snapshot", "cluster", "wiring")
            .whereLayer("guard").mayOnlyBeAccessedByLayers("container", "snapshot", "cluster", "wiring")
            .whereLayer("volume").mayOnlyBeAccessedByLayers("guard", "container", "snapshot", "cluster", "wiring")
            .whereLayer("node").mayOnlyBeAccessedByLayers("volume", "guard", "container", "snapshot", "cluster",
                    "wiring")
            .whereLayer("archive").mayOnlyBeAccessedByLayers("volume", "container", "snapshot", "cluster", "wiring")
            .whereLayer("engine").mayOnlyBeAccessedByLayers("node", "volume", "guard", "container", "snapshot",
                    "cluster", "wiring");

    @ArchTest
    static final ArchRule onlyTheEnginePackageKnowsDockerJava = noClasses()
            .that().resideOutsideOfPackage(INTERNAL + "engine..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("docker-java lives behind the engine port; its types never reach the rest of Berth or a user");

    @ArchTest
    static final ArchRule theArchivePackageIsPure = noClasses()
            .that().resideInAPackage(INTERNAL + "archive..")
            .should().dependOnClassesThat().resideInAnyPackage(INTERNAL + "engine..", INTERNAL + "node..",
                    INTERNAL + "volume..", INTERNAL + "guard..", INTERNAL + "container..", INTERNAL + "snapshot..",
                    INTERNAL + "cluster..", "dev.berth.spi..", "com.fasterxml..")
            .because("tar streams in, tar streams out: no engine, no store");

    @ArchTest
    static final ArchRule noEnvironmentEverGoesThroughDockerJava = noClasses()
            .should().callMethod(com.github.dockerjava.api.DockerClient.class, "createContainerCmd", String.class)
            .orShould().callMethod(com.github.dockerjava.api.DockerClient.class, "createSecretCmd",
                    com.github.dockerjava.api.model.SecretSpec.class)
            .because("docker-java logs every command whole at DEBUG: a container's environment and a secret's value "
                    + "travel through Berth's own raw calls instead");
}
