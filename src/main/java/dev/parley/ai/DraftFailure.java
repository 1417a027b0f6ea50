package dev.parley.ai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Why a draft has no reply, as a reason code and its facts (provider, HTTP status, limits…) rather than prose, so
 * each card can say it in its own language ({@code ai.failure.<code>}). Stored in {@code ai_drafts.error} as a small
 * JSON object; rows written before codes existed hold English text, which {@link #parse} does not recognise and
 * cards show as it is.
 *
 * @param code the reason, e.g. {@code provider_http}; its text is {@code ai.failure.<code>}
 * @param args the facts its text names, by placeholder
 */
public record DraftFailure(String code, Map<String, String> args) {
    /** A provider did not answer with HTTP 200. */
    public static final String PROVIDER_HTTP = "provider_http";
    /** A provider gave no answer in time. */
    public static final String PROVIDER_TIMEOUT = "provider_timeout";
    /** A provider could not be connected to. */
    public static final String PROVIDER_UNREACHABLE = "provider_unreachable";
    /** A provider's answer was not JSON. */
    public static final String PROVIDER_MALFORMED = "provider_malformed";
    /** A provider's JSON had no reply text. */
    public static final String PROVIDER_EMPTY = "provider_empty";
    /** The drafting thread was interrupted (Parley is stopping). */
    public static final String INTERRUPTED = "interrupted";
    /** The built-in kb provider found no passage. */
    public static final String KB_NO_MATCH = "kb_no_match";
    /** The account used its daily provider calls. */
    public static final String QUOTA_DAILY = "quota_daily";
    /** The monthly budget is used up and there is no fallback provider. */
    public static final String BUDGET_REACHED = "budget_reached";
    /** Parley stopped while the provider was being asked. */
    public static final String PARLEY_STOPPED = "parley_stopped";
    /** An LLM answered {@link Prompt#NO_ANSWER}: the passages do not answer the customer. */
    public static final String NO_ANSWER = "no_answer";
    /** Drafting broke on something unexpected (the server log has it). */
    public static final String UNEXPECTED = "unexpected";
    /** On {@code auto}: no knowledge-base passage matched, so the draft waits for a human. */
    public static final String NOT_GROUNDED = "not_grounded";
    /** On {@code auto}: the best passage covers too little of the customer's words, so the draft waits. */
    public static final String LOW_COVERAGE = "low_coverage";
    /** The remote server's own words, kept verbatim but labelled on the card. */
    public static final String DETAIL = "detail";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON = "reason";

    /** Copies the facts. */
    public DraftFailure {
        args = Map.copyOf(args);
    }

    /**
     * @param code           the reason
     * @param namesAndValues alternating placeholder names and values; a {@code null} value is left out
     * @return the failure
     */
    public static DraftFailure of(String code, Object... namesAndValues) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                args.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
            }
        }
        return new DraftFailure(code, args);
    }

    /** @return the remote server's own words, if it gave any */
    public Optional<String> detail() {
        return Optional.ofNullable(args.get(DETAIL));
    }

    /** @return the same reason without the remote server's words (when they do not fit) */
    public DraftFailure withoutDetail() {
        Map<String, String> facts = new LinkedHashMap<>(args);
        facts.remove(DETAIL);
        return new DraftFailure(code, facts);
    }

    /** @return what {@code ai_drafts.error} stores */
    public String stored() {
        ObjectNode node = JSON.createObjectNode().put(REASON, code);
        args.forEach(node::put);
        return node.toString();
    }

    /**
     * @param stored the value of {@code ai_drafts.error}
     * @return the failure it encodes, or empty for text written before reason codes (shown as it is)
     */
    public static Optional<DraftFailure> parse(String stored) {
        if (stored == null || !stored.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(stored);
            if (node == null || !node.path(REASON).isTextual()) {
                return Optional.empty();
            }
            Map<String, String> args = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!e.getKey().equals(REASON)) {
                    args.put(e.getKey(), e.getValue().asText());
                }
            });
            return Optional.of(new DraftFailure(node.path(REASON).asText(), args));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** @return the code and facts, for logs */
    @Override
    public String toString() {
        return code + " " + args;
    }
}
