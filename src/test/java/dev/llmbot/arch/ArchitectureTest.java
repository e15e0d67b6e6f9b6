package dev.llmbot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vertx.core.VerticleBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape DESIGN.md fixes: plain logic without Vert.x, thin verticles, records on the bus. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.llmbot");
  }

  @Test
  void purePackagesImportNothingFromVertxExceptTheirVerticles() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.llmbot.config..",
            "dev.llmbot.split..",
            "dev.llmbot.roast..",
            "dev.llmbot.conversation..",
            "dev.llmbot.ratelimit..",
            "dev.llmbot.state..",
            "dev.llmbot.core..")
        .and()
        .haveSimpleNameNotEndingWith("Verticle")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx..")
        .check(classes);
  }

  @Test
  void onlyVerticlesExtendVerticleBase() {
    classes()
        .that()
        .areAssignableTo(VerticleBase.class)
        .and()
        .doNotHaveFullyQualifiedName(VerticleBase.class.getName())
        .should()
        .haveSimpleNameEndingWith("Verticle")
        .check(classes);
    classes()
        .that()
        .haveSimpleNameEndingWith("Verticle")
        .and()
        .areNotInterfaces()
        .should()
        .beAssignableTo(VerticleBase.class)
        .check(classes);
  }

  @Test
  void busMessagesAreRecords() {
    classes()
        .that()
        .resideInAPackage("dev.llmbot.bus")
        .and()
        .areTopLevelClasses()
        .and()
        .areNotEnums()
        .and()
        .areNotInterfaces()
        .and()
        .doNotHaveSimpleName("LocalRecordCodec")
        .and()
        .doNotHaveSimpleName("BusErrors")
        .and()
        .doNotHaveSimpleName("Addresses")
        .and()
        .doNotHaveSimpleName("Partitioner")
        .and()
        .doNotHaveSimpleName("UserTexts")
        .and()
        .doNotHaveSimpleName("BotException")
        .should()
        .beRecords()
        .check(classes);
  }
}
