package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Every error the parser raises has a message, with the same placeholders, in both locales. */
class WebhookErrorLocalesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z_]+)}");

    private final Map<String, String> english = flatten(load("en.yaml"));
    private final Map<String, String> chinese = flatten(load("zh-CN.yaml"));

    @Test
    void everyParserErrorHasBothTranslationsWithItsPlaceholders() {
        List<GeweCallbackException> errors = List.of(
                GeweCallbackException.malformedJson("Unexpected end-of-input"),
                GeweCallbackException.notAnObject(),
                GeweCallbackException.missingField("Data.NewMsgId"),
                GeweCallbackException.fieldTooLong("Data.NewMsgId", 64),
                GeweCallbackException.badField("Data.MsgType", "expected an integer"));

        for (GeweCallbackException error : errors) {
            assertThat(english).as(error.key()).containsKey(error.key());
            assertThat(chinese).as(error.key()).containsKey(error.key());
            assertThat(placeholders(english.get(error.key()))).as(error.key()).isEqualTo(error.args().keySet());
            assertThat(placeholders(chinese.get(error.key()))).as(error.key()).isEqualTo(error.args().keySet());
        }
    }

    @Test
    void webhookSectionsHaveTheSameKeysAndPlaceholders() {
        Map<String, String> englishWebhook = section(english, "webhook.");
        assertThat(section(chinese, "webhook.").keySet()).isEqualTo(englishWebhook.keySet());
        englishWebhook.forEach((key, text) ->
                assertThat(placeholders(chinese.get(key))).as(key).isEqualTo(placeholders(text)));
    }

    private static Map<String, String> section(Map<String, String> flat, String prefix) {
        Map<String, String> section = new TreeMap<>(flat);
        section.keySet().removeIf(key -> !key.startsWith(prefix));
        return section;
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, Object> load(String file) {
        try (InputStream in = WebhookErrorLocalesTest.class.getResourceAsStream("/locales/" + file)) {
            assertThat(in).as(file).isNotNull();
            Map<String, Object> root = new Yaml().load(in);
            return root == null ? Map.of() : root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> flatten(Map<String, Object> tree) {
        Map<String, String> flat = new TreeMap<>();
        flattenInto("", tree, flat);
        return flat;
    }

    private static void flattenInto(String prefix, Map<?, ?> tree, Map<String, String> flat) {
        tree.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flattenInto(path + ".", nested, flat);
            } else {
                flat.put(path, String.valueOf(value));
            }
        });
    }
}
