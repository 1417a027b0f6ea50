package dev.parley.ai;

import java.net.URI;
import java.time.Duration;

/**
 * One OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen compatible mode, Ollama, vLLM…).
 *
 * @param name     its name in configuration, on cards and in the ledger
 * @param baseUrl  the API base; requests go to {@code {base}/chat/completions}
 * @param apiKey   the bearer key, may be empty (Ollama); never logged or shown
 * @param model    the model asked
 * @param timeout  longest one request may take
 * @param attempts tries of a request that times out or gets a 429 or 5xx
 */
public record OpenAiSettings(String name, URI baseUrl, String apiKey, String model, Duration timeout, int attempts) {
    /** @return the settings without the key, for logs */
    @Override
    public String toString() {
        return "OpenAiSettings[name=" + name + ", baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout
                + ", attempts=" + attempts + ", apiKey=" + (apiKey.isEmpty() ? "none" : "***") + "]";
    }
}
