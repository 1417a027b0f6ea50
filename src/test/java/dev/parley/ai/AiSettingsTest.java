package dev.parley.ai;

import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers come from PARLEY_AI_* and parley.ai.providers.<name>; kb is always there; the key never shows. */
class AiSettingsTest {
    private static AiSettings read(Map<String, String> values) {
        Map<String, String> all = new HashMap<>();
        values.forEach((k, v) -> all.put("parley.ai." + k, v));
        return AiSettings.read(Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(all), ConfigSources.classpath("application.yaml")).build()
                .get("parley.ai"));
    }

    @Test
    void withNothingConfiguredTheKbProviderDrafts() {
        AiSettings settings = read(Map.of());
        assertThat(settings.providers()).containsOnlyKeys("kb");
        assertThat(settings.drafting().name()).isEqualTo("kb");
        assertThat(settings.quiet().toMillis()).isEqualTo(20_000);
        assertThat(settings.resume().toMinutes()).isEqualTo(30);
        assertThat(settings.autoCoverage()).isEqualTo(0.5);
    }

    @Test
    void theDefaultAndNamedProvidersAreConfiguredAndOneIsChosen() {
        AiSettings settings = read(Map.of("base.url", "http://127.0.0.1:9/v1", "api.key", "sk-very-secret",
                "model", "deepseek-chat", "providers.local.base.url", "http://127.0.0.1:11434/v1",
                "providers.local.model", "qwen2.5", "provider", "local", "prices", "deepseek-chat=0.27/1.10"));
        assertThat(settings.providers()).containsOnlyKeys("kb", "default", "local");
        assertThat(settings.drafting().name()).isEqualTo("local");
        assertThat(settings.drafting().model()).isEqualTo("qwen2.5");
        assertThat(settings.drafting("default").model()).isEqualTo("deepseek-chat");
        assertThat(settings.drafting("gone").name()).isEqualTo("local");
        assertThat(settings.prices().micros("deepseek-chat", 1_000_000, 1_000_000)).isEqualTo(1_370_000);
        assertThat(settings.toString()).doesNotContain("sk-very-secret");
    }

    @Test
    void anUnknownProviderOrABadPriceRefusesToStart() {
        assertThatThrownBy(() -> read(Map.of("provider", "openai"))).hasMessageContaining("no provider named \"openai\"");
        assertThatThrownBy(() -> read(Map.of("prices", "gpt=cheap"))).hasMessageContaining("is not model=in/out");
        assertThatThrownBy(() -> read(Map.of("auto.kb.coverage", "50"))).hasMessageContaining("not a share from 0 to 1");
    }
}
