package io.github.divergencesql.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The math lives in core, and core knows no engine: adapters depend on it, never the reverse. */
class CoreIsEngineFreeTest {
  @Test
  void coreImportsNoEngineOrJdbcType() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.divergencesql");
    noClasses().that().resideInAPackage("io.github.divergencesql.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "java.sql..", "org.h2..", "org.apache.calcite..", "org.apache.spark..",
            "io.github.divergencesql.h2..", "io.github.divergencesql.calcite..",
            "io.github.divergencesql.cli..")
        .check(classes);
  }
}
