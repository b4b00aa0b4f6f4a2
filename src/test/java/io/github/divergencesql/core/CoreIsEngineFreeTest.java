package io.github.divergencesql.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The math lives in core, and core knows no engine: adapters depend on it, never the reverse.
 * An allow-list, so that a new dependency (an engine, JDBC, another of our packages) cannot leak
 * in unnoticed: core may use the JDK's java.lang, java.util, java.math, java.io, java.nio and
 * java.util.function, Apache Commons Statistics, Numbers and RNG (distributions, tests), Apache
 * DataSketches (the APPROX_ forms), and itself. And no package of ours, core's rooms included, is
 * in a cycle: core ← core.twosample, core.homogeneity ← core.registry ← the engines ← jdbc ← cli.
 */
class CoreIsEngineFreeTest {
  @Test
  void coreDependsOnlyOnTheJdkCommonsAndDataSketches() {
    JavaClasses core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.divergencesql.core");
    classes().that().resideInAPackage("io.github.divergencesql.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java.lang..", "java.util..", "java.math..", "java.io..", "java.nio..",
            "org.apache.commons.statistics..", "org.apache.commons.numbers..",
            "org.apache.commons.rng..", "org.apache.datasketches..",
            "io.github.divergencesql.core..")
        .check(core);
  }

  @Test
  void noPackageIsInACycle() {
    JavaClasses all = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.divergencesql");
    slices().matching("io.github.divergencesql.(**)").should().beFreeOfCycles().check(all);
  }
}
