package dev.wxacode.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import dev.wxacode.core.wire.Errcode;
import dev.wxacode.server.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents users read stay in step with the code. */
class DocsTest {
    static String doc(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name));
    }

    @Test
    void every_setting_is_documented_with_its_default() throws IOException {
        String configuration = doc("configuration.md");
        for (Setting setting : Setting.values()) {
            String defaultCell = setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
            assertThat(configuration).contains("| `" + setting.envName() + "` | `" + setting.key() + "` | " + defaultCell + " |");
        }
    }

    @Test
    void every_whole_number_setting_has_its_range_documented() throws IOException {
        String configuration = doc("configuration.md");
        for (Setting setting : Setting.values()) {
            if (setting.type().kind() == Setting.Type.Kind.WHOLE) {
                assertThat(configuration).contains("| `" + setting.envName() + "` | " + setting.type().range() + " |");
            }
        }
    }

    @Test
    void every_errcode_is_documented() throws IOException {
        String compatibility = doc("compatibility.md");
        for (Errcode errcode : Errcode.values()) {
            assertThat(compatibility).as(errcode.name()).contains(Integer.toString(errcode.code()));
            if (errcode.kind() == Errcode.Kind.EXTENSION) {
                assertThat(compatibility).contains("| " + errcode.code() + " | ");
            }
        }
    }

    @Test
    void the_docs_cite_nothing_a_user_cannot_look_up() throws IOException {
        // Issue numbers and the labels of the project's own spec sources are the developers' shorthand.
        java.util.regex.Pattern internal = java.util.regex.Pattern.compile("(?i)\\bissue \\d+|wire spec §|\\[[CDGI]\\d+\\]");
        List<Path> docs = new java.util.ArrayList<>(List.of(Path.of("..", "README.md"), Path.of("..", "wxacode-cloud", "README.md")));
        try (var files = Files.walk(Path.of("..", "docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).forEach(docs::add);
        }
        for (Path doc : docs) {
            assertThat(internal.matcher(Files.readString(doc)).results().map(java.util.regex.MatchResult::group).toList())
                    .as(doc.toString()).isEmpty();
        }
    }

    @Test
    void the_licence_is_named_where_users_and_build_tools_look() throws IOException {
        assertThat(Files.readString(Path.of("..", "LICENSE"))).contains("SPDX-License-Identifier: Apache-2.0");
        // Every module inherits the parent's licences; the npm package states its own.
        assertThat(Files.readString(Path.of("..", "pom.xml"))).contains("<licenses>", "<name>Apache-2.0</name>");
        assertThat(Files.readString(Path.of("..", "wxacode-cloud", "package.json"))).contains("\"license\": \"Apache-2.0\"");
        assertThat(Files.readString(Path.of("..", "README.md"))).contains("## Licence", "Apache License 2.0");
    }

    @Test
    void every_server_package_is_in_the_architecture_page() throws IOException {
        String architecture = doc("architecture.md");
        ArchitectureTest.SERVER.stream().map(JavaClass::getPackageName).distinct()
                .filter(name -> !name.equals("dev.wxacode.server"))
                .forEach(name -> assertThat(architecture).as(name).contains(name.substring(name.lastIndexOf('.') + 1) + "/"));
    }
}
