package dev.parley.arch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports and adapters, enforced on the sources: the core never imports a platform adapter or a platform SDK, and
 * adapters do not import each other. Only the wiring ({@code Parley}, {@code Main}) knows every adapter.
 */
class PortsAndAdaptersTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/parley");
    /** Adapter packages, as paths under {@code dev/parley}, and the SDK packages only they may use. */
    private static final List<String> ADAPTERS = List.of("connector/gewe", "connector/whatsapp", "connector/whatsappcloud",
            "channel/telegram",
            "channel/feishu", "channel/dingtalk", "channel/discord");
    private static final List<String> SDKS = List.of("org.telegram.", "com.lark.", "net.dv8tion.", "com.dingtalk.");
    private static final List<String> WIRING = List.of("Parley.java", "Main.java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theCoreImportsNoAdapterAndNoPlatformSdk() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String relative = SOURCES.relativize(file).toString().replace('\\', '/');
            if (WIRING.contains(relative)) {
                continue;
            }
            String own = ADAPTERS.stream().filter(a -> relative.startsWith(a + "/")).findFirst().orElse(null);
            for (String imported : imports(file)) {
                for (String adapter : ADAPTERS) {
                    if (!adapter.equals(own) && imported.startsWith("dev.parley." + adapter.replace('/', '.') + ".")) {
                        violations.add(relative + " imports " + imported);
                    }
                }
                if (own == null && SDKS.stream().anyMatch(imported::startsWith)) {
                    violations.add(relative + " imports the SDK class " + imported);
                }
            }
        }
        assertThat(violations).as("core → adapter or SDK imports").isEmpty();
    }

    @Test
    void theCheckSeesTheSources() throws IOException {
        // a moved source tree would make the test above pass vacuously
        assertThat(sources()).hasSizeGreaterThan(100);
        assertThat(imports(SOURCES.resolve("Parley.java"))).contains("dev.parley.connector.gewe.GeweConnector");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> imports(Path file) throws IOException {
        List<String> imports = new ArrayList<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            imports.add(m.group(1));
        }
        return imports;
    }
}
