package dev.wxacode.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How the server's packages stand to one another, read from its compiled classes. */
class ArchitectureTest {
    static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wxacode.server");

    /** The capabilities, both their machinery and the values they hand out: what the ground floor must not know. */
    static final String[] CAPABILITIES = {"..server.internal.admin..", "..server.internal.code..",
            "..server.internal.console..", "..server.internal.fault..", "..server.internal.link..",
            "..server.internal.observe..", "..server.internal.ratelimit..", "..server.internal.registry..",
            "..server.internal.requests..", "..server.internal.scan..", "..server.internal.signing..",
            "..server.internal.token..", "dev.wxacode.server.code", "dev.wxacode.server.fault", "dev.wxacode.server.link",
            "dev.wxacode.server.registry", "dev.wxacode.server.requests"};

    /** What other modules may use: the wiring, its settings and the values it hands out. */
    static final String[] PUBLIC = {"dev.wxacode.server", "dev.wxacode.server.config", "dev.wxacode.server.code",
            "dev.wxacode.server.fault", "dev.wxacode.server.link", "dev.wxacode.server.registry",
            "dev.wxacode.server.requests"};

    @Test
    void no_two_packages_import_each_other_even_through_others() {
        slices().matching("dev.wxacode.server.(**)").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void the_ground_floor_knows_no_capability() {
        noClasses().that().resideInAnyPackage("..server.internal.http..", "..server.config..", "..server.internal.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
                .check(SERVER);
    }

    @Test
    void nothing_below_the_wiring_reaches_back_up_to_it() {
        noClasses().that().resideOutsideOfPackage("dev.wxacode.server")
                .should().dependOnClassesThat().resideInAPackage("dev.wxacode.server")
                .check(SERVER);
    }

    @Test
    void only_the_wiring_reaches_into_internal() {
        noClasses().that().resideInAnyPackage(PUBLIC).and().resideOutsideOfPackage("dev.wxacode.server")
                .should().dependOnClassesThat().resideInAPackage("..server.internal..")
                .check(SERVER);
    }

    /** A class outside {@code internal} is a promise to other modules, so adding one is a decision made here. */
    @Test
    void the_public_surface_is_what_other_modules_use() {
        String surface = SERVER.stream()
                .filter(c -> !c.getPackageName().contains(".internal"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> c.getEnclosingClass().isEmpty())
                .map(JavaClass::getName).sorted().collect(Collectors.joining("\n"));
        assertThat(surface).isEqualTo(String.join("\n",
                "dev.wxacode.server.Engine",
                "dev.wxacode.server.TestControl",
                "dev.wxacode.server.WxacodeServer",
                "dev.wxacode.server.code.RenderedCode",
                "dev.wxacode.server.config.ConfigException",
                "dev.wxacode.server.config.ConfigLoader",
                "dev.wxacode.server.config.IpAddresses",
                "dev.wxacode.server.config.ServerConfig",
                "dev.wxacode.server.config.Setting",
                "dev.wxacode.server.fault.FaultRule",
                "dev.wxacode.server.fault.FaultSpec",
                "dev.wxacode.server.link.Resolution",
                "dev.wxacode.server.registry.App",
                "dev.wxacode.server.registry.AppStyle",
                "dev.wxacode.server.registry.AppType",
                "dev.wxacode.server.registry.DemoCredentials",
                "dev.wxacode.server.registry.SecretHash",
                "dev.wxacode.server.requests.LoggedRequest",
                "dev.wxacode.server.requests.Warning"));
    }
}
