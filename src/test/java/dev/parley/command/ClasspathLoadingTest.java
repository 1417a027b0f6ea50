package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.i18n.LocaleException;
import dev.parley.i18n.Messages;
import dev.parley.resource.ClasspathDirectory;

/** The catalog and the locales load the same from a directory on disk and from inside the application jar. */
class ClasspathLoadingTest {
    @TempDir
    Path temp;

    @Test
    void loadsTheRealCatalogAndLocalesFromAJar() throws IOException {
        Path jar = temp.resolve("parley.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String directory : List.of("commands", "locales")) {
                out.putNextEntry(new JarEntry(directory + "/"));
                out.closeEntry();
                for (Map.Entry<String, String> file : ClasspathDirectory.read(getClass().getClassLoader(), directory,
                        ".yaml").entrySet()) {
                    put(out, directory + "/" + file.getKey(), file.getValue());
                }
            }
            put(out, "commands/README.md", "not yaml");
            put(out, "commands/nested/extra.yaml", "commands: nonsense");
        }
        try (URLClassLoader loader = isolated(jar)) {
            CommandCatalog fromJar = CommandCatalog.load(loader);
            Messages messages = Messages.load(loader, "en");

            assertThat(fromJar.all()).extracting(CommandSpec::id)
                    .containsExactlyElementsOf(CommandCatalog.load().all().stream().map(CommandSpec::id).toList());
            assertThat(messages.keys()).containsExactlyElementsOf(Messages.load().keys());
            fromJar.verifyKeys(messages);
        }
    }

    @Test
    void loadsFromADirectoryIgnoringOtherFilesAndSubdirectories() throws IOException {
        Path root = temp.resolve("classes");
        write(root.resolve("commands/ping.yaml"), "commands:\n  - {id: ping, names: {en: [ping]}, role: none}\n");
        write(root.resolve("commands/notes.txt"), "ignored");
        write(root.resolve("commands/old/broken.yaml"), "nonsense: [");
        write(root.resolve("locales/en.yaml"), "cmd:\n  ping:\n    summary: Ping\n    help: Pong\n");
        try (URLClassLoader loader = isolated(root)) {
            CommandCatalog catalog = CommandCatalog.load(loader);
            Messages messages = Messages.load(loader, "en");

            assertThat(catalog.all()).extracting(CommandSpec::id).containsExactly("ping");
            assertThat(messages.locales()).containsExactly("en");
            catalog.verifyKeys(messages);
        }
    }

    @Test
    void theSameFileInTwoRootsIsRefused() throws IOException {
        Path first = temp.resolve("a");
        Path second = temp.resolve("b");
        write(first.resolve("commands/ping.yaml"), "commands: []");
        write(second.resolve("commands/ping.yaml"), "commands: []");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> CommandCatalog.load(loader)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("commands/ping.yaml is on the class path twice");
        }
    }

    @Test
    void nothingOnTheClassPathIsAnError() throws IOException {
        try (URLClassLoader loader = isolated(temp)) {
            assertThatThrownBy(() -> CommandCatalog.load(loader)).isInstanceOf(CatalogException.class)
                    .hasMessage("commands/: no command files");
            assertThatThrownBy(() -> Messages.load(loader, "en")).isInstanceOf(LocaleException.class)
                    .hasMessage("locales/: no locale files on the class path");
        }
    }

    private static URLClassLoader isolated(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private static void put(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void write(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
