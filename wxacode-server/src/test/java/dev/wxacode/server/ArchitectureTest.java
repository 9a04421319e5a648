package dev.wxacode.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** How the server's packages stand to one another, read from its compiled classes. */
class ArchitectureTest {
    static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wxacode.server");

    /** The capabilities: what the ground floor must not know. */
    static final String[] CAPABILITIES = {"..server.admin..", "..server.code..", "..server.console..", "..server.fault..",
            "..server.link..", "..server.observe..", "..server.ratelimit..", "..server.registry..", "..server.requests..",
            "..server.scan..", "..server.signing..", "..server.token.."};

    @Test
    void no_two_packages_import_each_other_even_through_others() {
        slices().matching("dev.wxacode.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void the_ground_floor_knows_no_capability() {
        noClasses().that().resideInAnyPackage("..server.http..", "..server.config..", "..server.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
                .check(SERVER);
    }

    @Test
    void nothing_below_the_wiring_reaches_back_up_to_it() {
        noClasses().that().resideOutsideOfPackage("dev.wxacode.server")
                .should().dependOnClassesThat().resideInAPackage("dev.wxacode.server")
                .check(SERVER);
    }
}
