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
import java.util.regex.Pattern;

import dev.parley.kb.KbEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Drafts with any OpenAI-compatible {@code POST {base}/chat/completions}, over the JDK client: the persona and the
 * knowledge-base passages as the system message, the conversation as user and assistant turns. Timeouts, 429 and
 * 5xx are retried with a doubling pause; any other answer, and JSON without a reply, fails at once. A failure is a
 * {@link DraftFailure}; an error answer's own explanation rides along, shortened and with anything like a key masked.
 */
public final class OpenAiProvider implements ReplyProvider {
    private static final Logger LOG = Logger.getLogger(OpenAiProvider.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final int MAX_DETAIL = 200;
    /** Keys and bearer tokens a server may echo back, whoever's they are. */
    private static final Pattern SECRET = Pattern.compile("(?i)(sk-|bearer\\s+|key[=:]\\s*)[A-Za-z0-9._~+/-]{4,}");

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
        int attempts = Math.max(1, settings.attempts());
        DraftFailure failure = null;
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; attempt <= attempts; attempt++) {
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
                failure = DraftFailure.of(DraftFailure.PROVIDER_HTTP, "provider", settings.name(), "status", status,
                        "attempts", attempt, DraftFailure.DETAIL, detail(response.body()));
                if (status != 429 && status < 500) {
                    throw new ProviderException(failure);
                }
            } catch (HttpTimeoutException e) {
                failure = DraftFailure.of(DraftFailure.PROVIDER_TIMEOUT, "provider", settings.name(),
                        "ms", settings.timeout().toMillis(), "attempts", attempt);
            } catch (IOException e) {
                failure = DraftFailure.of(DraftFailure.PROVIDER_UNREACHABLE, "provider", settings.name(),
                        "host", endpoint.getHost(), "error", e.getClass().getSimpleName(), "attempts", attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(DraftFailure.of(DraftFailure.INTERRUPTED));
            }
            LOG.warning("provider " + settings.name() + " attempt " + attempt + " failed: " + failure);
        }
        throw new ProviderException(failure);
    }

    /**
     * The server's own explanation of an error answer ({@code error.message} of OpenAI-style JSON, else the body),
     * on one line, without the key or anything shaped like one, and short enough for a card.
     */
    private String detail(String body) {
        String said = body == null ? "" : body;
        try {
            JsonNode root = JSON.readTree(said);
            JsonNode message = root == null ? null : root.path("error").path("message");
            if (message != null && message.isTextual()) {
                said = message.asText();
            }
        } catch (JsonProcessingException notJson) {
            // the body itself is the explanation
        }
        said = said.replaceAll("\\s+", " ").strip();
        if (!settings.apiKey().isEmpty()) {
            said = said.replace(settings.apiKey(), "***");
        }
        said = SECRET.matcher(said).replaceAll("$1***");
        if (said.length() > MAX_DETAIL) {
            said = said.substring(0, MAX_DETAIL) + "…";
        }
        return said.isEmpty() ? null : said;
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
            if (prompt.unattended()) {
                system.append("\n\nIf these passages do not answer the customer's question, reply with exactly ")
                        .append(Prompt.NO_ANSWER).append(" and nothing else.");
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
            throw new ProviderException(DraftFailure.of(DraftFailure.PROVIDER_MALFORMED, "provider", settings.name()));
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw new ProviderException(DraftFailure.of(DraftFailure.PROVIDER_EMPTY, "provider", settings.name()));
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
            throw new ProviderException(DraftFailure.of(DraftFailure.INTERRUPTED));
        }
    }
}
