package dev.parley.arch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets, signatures, passwords and API keys are compared in constant time ({@code Secrets.matches},
 * {@code MessageDigest.isEqual}), never with {@code equals}, whose early exit tells an attacker how much of a guess
 * was right. The test reads every main source line and refuses an {@code equals} whose receiver or argument is named
 * like one of them.
 */
class SecretComparisonsTest {
    private static final String SECRET_NAME = "[\\w.()]*(?:secret|signature|password|passwd|apikey|api_key"
            + "|verifytoken|admintoken|accesstoken|bearer|hmac|mac\\b)[\\w.()]*";
    private static final List<Pattern> REFUSED = List.of(
            Pattern.compile("(?i)\\b" + SECRET_NAME + "\\.equals(?:IgnoreCase)?\\("),
            Pattern.compile("(?i)\\.equals(?:IgnoreCase)?\\(\\s*" + SECRET_NAME + "\\s*\\)"),
            Pattern.compile("(?i)Objects\\.equals\\([^)]*(?:secret|signature|password|apikey|token)"),
            Pattern.compile("(?i)Arrays\\.equals\\([^)]*(?:secret|signature|password|mac|digest)"));

    @Test
    void noSecretIsComparedWithEquals() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                        continue;
                    }
                    if (REFUSED.stream().anyMatch(p -> p.matcher(line).find())) {
                        found.add(file + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(found).as("secrets compared with equals (use Secrets.matches or MessageDigest.isEqual)").isEmpty();
    }

    @Test
    void theCheckCatchesWhatItIsFor() {
        for (String bad : List.of("if (given.equals(appSecret)) {", "return signature.equals(expected);",
                "if (settings.verifyToken().equals(token))", "Objects.equals(secret, given)",
                "Arrays.equals(mac, given)", "expectedSignature.equalsIgnoreCase(header)")) {
            assertThat(REFUSED.stream().anyMatch(p -> p.matcher(bad).find())).as(bad).isTrue();
        }
        for (String fine : List.of("if (mode.equals(\"subscribe\"))", "token.type().equals(CJKBigramFilter.DOUBLE_TYPE)",
                "Secrets.matches(secret, given)", "MessageDigest.isEqual(expected, given)")) {
            assertThat(REFUSED.stream().anyMatch(p -> p.matcher(fine).find())).as(fine).isFalse();
        }
    }
}
