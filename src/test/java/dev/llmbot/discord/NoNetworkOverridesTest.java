package dev.llmbot.discord;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §Config: Javacord must run on the JVM's proxy and trust defaults, so no production code
 * may set a proxy, a proxy selector or trust-all certificates on Javacord's builder. (The
 * FakeDiscord ITs rely on this too: they reach the adapter only through those defaults.)
 */
class NoNetworkOverridesTest {
  @Test
  void nothingSetsAProxyOrTrustOptionOnJavacord() {
    DescribedPredicate<JavaCall<?>> override =
        DescribedPredicate.describe(
            "a proxy or trust setter of DiscordApiBuilder",
            call ->
                call.getTargetOwner().getName().equals("org.javacord.api.DiscordApiBuilder")
                    && call.getName().matches("setProxy.*|setTrustAllCertificates"));
    noClasses()
        .should()
        .callMethodWhere(override)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.llmbot"));
  }
}
