package dev.parley.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import dev.parley.testing.TestDirs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing at rest: what it seals opens only with the same key and purpose, and any change is refused. */
class SealerTest {
    @Test
    void aSealedValueOpensWithItsKeyAndPurposeOnly() throws Exception {
        Sealer sealer = Sealer.open("a configured key", Path.of("/nonexistent/never-written"));
        String sealed = sealer.seal("{\"noiseKey\":\"秘密\"}", "whatsapp-creds:wa-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("noiseKey");
        assertThat(sealer.openText(sealed, "whatsapp-creds:wa-1")).isEqualTo("{\"noiseKey\":\"秘密\"}");
        assertThat(sealer.seal("same", "p")).isNotEqualTo(sealer.seal("same", "p")); // a fresh nonce each time

        assertThatThrownBy(() -> sealer.open(sealed, "whatsapp-creds:wa-2")).isInstanceOf(Sealer.SealException.class);
        assertThatThrownBy(() -> Sealer.open("another key", Path.of("/x")).open(sealed, "whatsapp-creds:wa-1"))
                .isInstanceOf(Sealer.SealException.class);
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> sealer.open(altered, "whatsapp-creds:wa-1")).isInstanceOf(Sealer.SealException.class);
        assertThatThrownBy(() -> sealer.open("v1:short", "p")).isInstanceOf(Sealer.SealException.class);
        assertThatThrownBy(() -> sealer.open("plain text", "p")).isInstanceOf(Sealer.SealException.class);
        assertThatThrownBy(() -> sealer.open(null, "p")).isInstanceOf(Sealer.SealException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoAnOwnerOnlyFile() throws Exception {
        Path dir = Files.createTempDirectory(TestDirs.root(), "sealer-");
        Path keyFile = dir.resolve("secret-key");
        String sealed = Sealer.open("", keyFile).seal("creds".getBytes(StandardCharsets.UTF_8), "p");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new String(Sealer.open(" ", keyFile).open(sealed, "p"), StandardCharsets.UTF_8)).isEqualTo("creds");
        Files.delete(keyFile);
        assertThatThrownBy(() -> Sealer.open("", keyFile).open(sealed, "p")).isInstanceOf(Sealer.SealException.class);
    }
}
