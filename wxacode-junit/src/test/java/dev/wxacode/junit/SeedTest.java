package dev.wxacode.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Where a seed is found, and what a test is told when it is not; which settings a test may give. */
class SeedTest {
    static final Path SOURCE = Path.of("src/test/resources/wxacode-seed.json");

    /** Not a resource name, so found as a file, relative to the working directory (the module's, under Maven). */
    @RegisterExtension
    static final WxacodeExtension fromFile = WxacodeExtension.withSeed(SOURCE.toString());

    @Test
    void a_seed_given_as_a_file_path_is_applied() {
        assertThat(fromFile.apps()).extracting(SeededApp::appid).containsExactly(WxJavaTest.SHOP, "wxfedcba0987654321");
        assertThat(fromFile.app(WxJavaTest.SHOP).secret()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void a_missing_seed_names_both_places_it_was_looked_for() {
        assertThatThrownBy(() -> WxacodeExtension.withSeed("no-such-seed.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed no-such-seed.json not found: it is neither a resource on the test class path (such as"
                        + " src/test/resources/no-such-seed.json) nor a file at " + Path.of("no-such-seed.json").toAbsolutePath());
    }

    @Test
    void a_seed_inside_a_jar_is_copied_out_for_the_server(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("seeds.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("ci/seed.json"));
            Files.copy(SOURCE, (OutputStream) out);
        }
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            SeedFile seed = SeedFile.find("/ci/seed.json", classPath);
            Path copy = seed.fileIn(dir);
            assertThat(copy.getParent()).isEqualTo(dir);
            assertThat(copy).hasSameBinaryContentAs(SOURCE);
            assertThat(SeedFile.apps(copy)).extracting(SeededApp::appid).containsExactly(WxJavaTest.SHOP, "wxfedcba0987654321");
        }
    }

    @Test
    void settings_the_extension_owns_or_that_do_not_exist_are_refused() {
        WxacodeExtension wx = WxacodeExtension.create();
        assertThatThrownBy(() -> wx.withSetting("WXACODE_DATA_DIR", "./data"))
                .hasMessage("WXACODE_DATA_DIR is set by WxacodeExtension, to keep each server fresh and on loopback");
        assertThatThrownBy(() -> wx.withSetting("WXACODE_PORT", "8080"))
                .hasMessage("WXACODE_PORT is set by WxacodeExtension, to keep each server fresh and on loopback; use withPort");
        assertThatThrownBy(() -> wx.withSetting("WXACODE_RATE_LIMIT", "1"))
                .hasMessage("WXACODE_RATE_LIMIT is not a wxacode setting (docs/configuration.md)");
    }
}
