package dev.llmbot.scale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Scaling by instance count is safe only if instances share no mutable state: each verticle
 * instance is built with its own objects, and the only process-wide values are constants. A
 * non-final static field would be one place where two event loops could meet.
 */
class SharedStateRulesTest {
  @Test
  void noStaticFieldIsReassignable() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.llmbot");
    fields()
        .that()
        .areStatic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.llmbot..")
        .should()
        .beFinal()
        .because("instances of a verticle must not share mutable state across event loops")
        .check(classes);
  }
}
