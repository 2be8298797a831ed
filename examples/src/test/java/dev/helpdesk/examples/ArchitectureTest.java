package dev.helpdesk.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of the library, checked on the compiled main classes of every module: core
 * layers without cycles and no adapter technology in core, adapters that do not know each other,
 * internals used only where allowed, and nothing that depends on the examples.
 */
class ArchitectureTest {
  private static final String[] CORE = {
    "dev.helpdesk",
    "dev.helpdesk.domain",
    "dev.helpdesk.sla",
    "dev.helpdesk.ticket",
    "dev.helpdesk.event",
    "dev.helpdesk.spi",
    "dev.helpdesk.metrics",
    "dev.helpdesk.internal"
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .importPackages("dev.helpdesk");

  @Test
  void theRulesSeeEveryModule() {
    assertThat(CLASSES.stream().map(JavaClass::getPackageName).distinct())
        .contains(
            "dev.helpdesk",
            "dev.helpdesk.internal",
            "dev.helpdesk.testing",
            "dev.helpdesk.mail",
            "dev.helpdesk.jdbc",
            "dev.helpdesk.search",
            "dev.helpdesk.examples.cli");
  }

  @Test
  void core_usesOnlyTheJdkGuavaAndSlf4j() {
    classes()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            concat(CORE, "java..", "javax.annotation..", "com.google.common..", "org.slf4j.."))
        .check(CLASSES);
  }

  @Test
  void core_isLayered() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("facade")
        .definedBy("dev.helpdesk")
        .layer("internal")
        .definedBy("dev.helpdesk.internal")
        .layer("metrics")
        .definedBy("dev.helpdesk.metrics")
        .layer("spi")
        .definedBy("dev.helpdesk.spi")
        .layer("event")
        .definedBy("dev.helpdesk.event")
        .layer("ticket")
        .definedBy("dev.helpdesk.ticket")
        .layer("sla")
        .definedBy("dev.helpdesk.sla")
        .layer("domain")
        .definedBy("dev.helpdesk.domain")
        .whereLayer("facade")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("internal")
        .mayOnlyBeAccessedByLayers("facade")
        .whereLayer("metrics")
        .mayOnlyBeAccessedByLayers("facade", "internal")
        .whereLayer("spi")
        .mayOnlyBeAccessedByLayers("facade", "internal")
        .whereLayer("event")
        .mayOnlyBeAccessedByLayers("facade", "internal", "metrics", "spi")
        .whereLayer("ticket")
        .mayOnlyBeAccessedByLayers("facade", "internal", "metrics", "spi")
        .whereLayer("sla")
        .mayOnlyBeAccessedByLayers("facade", "internal", "metrics", "spi", "event", "ticket")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void adapters_doNotKnowEachOther() {
    String[] adapters = {
      "dev.helpdesk.mail..",
      "dev.helpdesk.jdbc..",
      "dev.helpdesk.search..",
      "dev.helpdesk.testing.."
    };
    for (String adapter : adapters) {
      String[] others =
          Arrays.stream(adapters).filter(a -> !a.equals(adapter)).toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(adapter)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(CLASSES);
    }
  }

  @Test
  void search_usesOnlyCoreLuceneAndSlf4j() {
    classes()
        .that()
        .resideInAPackage("dev.helpdesk.search..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            concat(
                CORE,
                "dev.helpdesk.search..",
                "java..",
                "org.apache.lucene..",
                "org.tartarus.snowball..",
                "org.slf4j.."))
        .check(CLASSES);
  }

  @Test
  void internals_areUsedOnlyByTheFacade() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.helpdesk", "dev.helpdesk.internal")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.internal..")
        .check(CLASSES);
  }

  @Test
  void nothing_dependsOnTheExamples() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.helpdesk.examples..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.helpdesk.examples..")
        .check(CLASSES);
  }

  private static String[] concat(String[] packages, String... more) {
    String[] all = new String[packages.length + more.length];
    System.arraycopy(packages, 0, all, 0, packages.length);
    System.arraycopy(more, 0, all, packages.length, more.length);
    return all;
  }
}
