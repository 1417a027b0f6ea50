package dev.parley.connector.whatsappcloud;

import dev.parley.connector.ConnectorException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the Graph API, with Graph's code, and what it means for Parley: which {@link ConnectorException}
 * kind, how long to wait before a retry, and whether the number's token or the number itself is lost.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes">Cloud API error codes</a>
 */
final class GraphError extends Exception {
    private static final long serialVersionUID = 1L;
    /** The pair rate limit lets one message through to the same person about every 6 s. */
    private static final long PAIR_RATE_WAIT_MS = 6_000;

    private final int httpStatus;
    private final int code;
    private final String details;

    GraphError(int httpStatus, int code, String message, String details) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details;
    }

    /**
     * @param httpStatus the answer's status
     * @param error      Graph's {@code error} object
     * @return the error
     */
    static GraphError of(int httpStatus, JsonNode error) {
        String message = error.path("message").asText("");
        String details = error.path("error_data").path("details").asText("");
        return new GraphError(httpStatus, error.path("code").asInt(0), message, details);
    }

    /** @return Graph's error code (0 when it gave none) */
    int code() {
        return code;
    }

    /** @return whether the token is invalid, expired or revoked: an admin must give a new one */
    boolean tokenRejected() {
        return code == 190 || code == 102 || httpStatus == 401 && code == 0;
    }

    /** @return whether Meta locked or restricted the business account or the number */
    boolean numberBlocked() {
        return code == 131031 || code == 368;
    }

    /** @return whether Meta is limiting how much the number sends: a warning before worse */
    boolean spamLimited() {
        return code == 131048;
    }

    /** @return the error as admins read it: code, Graph's message and details */
    String describe() {
        String text = code > 0 ? "(" + code + ") " : "";
        text += getMessage().replaceFirst("^\\(#\\d+\\)\\s*", "");
        return details.isBlank() || text.contains(details) ? text : text + ": " + details;
    }

    /** @return what the outbound queue does about it */
    ConnectorException toConnector() {
        String reason = describe();
        return switch (code) {
            case 131056 -> ConnectorException.retryAfter(reason, PAIR_RATE_WAIT_MS); // the pair rate: back off and retry
            case 130429, 131057, 80007, 4, 1, 2, 131000, 131016 -> new ConnectorException(ConnectorException.Kind.TRANSIENT,
                    reason, this);   // throughput, an upgrade under way, Graph or WhatsApp briefly down
            default -> {
                if (tokenRejected() || numberBlocked()) {
                    yield new ConnectorException(ConnectorException.Kind.OFFLINE, reason, this);
                }
                if (httpStatus == 429 || httpStatus >= 500) {
                    yield new ConnectorException(ConnectorException.Kind.TRANSIENT, reason, this);
                }
                yield new ConnectorException(ConnectorException.Kind.PERMANENT, reason, this); // 131047, 131026, 100…
            }
        };
    }
}
