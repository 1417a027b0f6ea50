package dev.parley.ai;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Logger;

import dev.parley.kb.KbEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drafts with any OpenAI-compatible {@code POST {base}/chat/completions}, over the JDK client: the persona and the
 * knowledge-base passages as the system message, the conversation as user and assistant turns. Timeouts, 429 and
 * 5xx are retried with a doubling pause; any other answer, and JSON without a reply, fails at once.
 */
public final class OpenAiProvider implements ReplyProvider {
    private static final Logger LOG = Logger.getLogger(OpenAiProvider.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final OpenAiSettings settings;
    private final URI endpoint;
    private final HttpClient http;

    /**
     * @param settings the endpoint
     */
    public OpenAiProvider(OpenAiSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().toString().replaceFirst("/+$", "") + "/chat/completions");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public Completion complete(Prompt prompt) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(prompt), StandardCharsets.UTF_8));
        if (!settings.apiKey().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        String failure = "no attempt";
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
            if (attempt > 1) {
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
            try {
                HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    return parse(response.body());
                }
                failure = "HTTP " + status;
                if (status != 429 && status < 500) {
                    throw new ProviderException(failure + " from " + settings.name());
                }
            } catch (HttpTimeoutException e) {
                failure = "no answer within " + settings.timeout().toMillis() + " ms";
            } catch (IOException e) {
                failure = "cannot reach " + endpoint.getHost() + ": " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException("interrupted");
            }
            LOG.warning("provider " + settings.name() + " attempt " + attempt + " failed: " + failure);
        }
        throw new ProviderException(failure + " after " + Math.max(1, settings.attempts()) + " attempt(s)");
    }

    private String body(Prompt prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        StringBuilder system = new StringBuilder(prompt.persona());
        if (!prompt.passages().isEmpty()) {
            system.append("\n\nAnswer from these knowledge-base passages when they apply:");
            for (KbEntry passage : prompt.passages()) {
                system.append("\n[").append(passage.id()).append("] ").append(passage.text());
            }
        }
        messages.addObject().put("role", "system").put("content", system.toString());
        for (Prompt.Turn turn : prompt.conversation()) {
            messages.addObject().put("role", turn.fromCustomer() ? "user" : "assistant").put("content", turn.text());
        }
        return body.toString();
    }

    private Completion parse(String body) throws ProviderException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException("malformed JSON from " + settings.name());
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw new ProviderException("no reply text in the answer of " + settings.name());
        }
        JsonNode usage = root.path("usage");
        return new Completion(content.asText().strip(), root.path("model").asText(settings.model()),
                usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0));
    }

    private static void sleep(Duration pause) throws ProviderException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted");
        }
    }
}
