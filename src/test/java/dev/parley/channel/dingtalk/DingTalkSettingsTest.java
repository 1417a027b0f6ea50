package dev.parley.channel.dingtalk;

import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** parley.dingtalk.* with application.yaml's defaults underneath; the secret never shows. */
class DingTalkSettingsTest {
    private static DingTalkSettings read(Map<String, String> values) {
        Map<String, String> all = new HashMap<>();
        values.forEach((k, v) -> all.put("parley.dingtalk." + k, v));
        return DingTalkSettings.read(Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(all), ConfigSources.classpath("application.yaml")).build()
                .get("parley.dingtalk"));
    }

    @Test
    void defaultsAreStreamModeAndThePublicHosts() {
        DingTalkSettings settings = read(Map.of());
        assertThat(settings.configured()).isFalse();
        assertThat(settings.mode()).isEqualTo(DingTalkSettings.STREAM);
        assertThat(settings.apiUrl()).isEqualTo("https://api.dingtalk.com");
        assertThat(settings.oapiUrl()).isEqualTo("https://oapi.dingtalk.com");
        assertThat(settings.interactiveCards()).isFalse();
    }

    @Test
    void valuesAreTrimmedAndTheSecretNeverPrinted() {
        DingTalkSettings settings = read(Map.of("client.id", " dingabc ", "client.secret", "s3cr3t-value",
                "mode", "HTTP", "api.url", "http://127.0.0.1:9/", "oapi.url", "http://127.0.0.1:9//",
                "card.template", "tpl-1.schema"));
        assertThat(settings.clientId()).isEqualTo("dingabc");
        assertThat(settings.mode()).isEqualTo(DingTalkSettings.HTTP);
        assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(settings.oapiUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(settings.interactiveCards()).isTrue();
        assertThat(settings.toString()).contains("dingabc").doesNotContain("s3cr3t");
    }
}
