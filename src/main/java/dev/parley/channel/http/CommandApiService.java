package dev.parley.channel.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.parley.card.Card;
import dev.parley.card.CardJson;
import dev.parley.card.PlainText;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.command.LiveCards;
import dev.parley.config.Secrets;
import dev.parley.http.JsonReplies;
import dev.parley.http.RequestBodies;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP command channel, what scripts, tests, operators' tooling and the console use:
 * <ul>
 *   <li>{@code POST /api/commands} {@code {"text":"/bot list","locale":"zh-CN","user":"ops"}}</li>
 *   <li>{@code POST /api/actions} {@code {"action":"<button action id>","user":"ops"}} presses a button</li>
 *   <li>{@code GET /api/cards/{id}?after=N} waits up to 20 s for a newer version of a live card (a login
 *       being scanned, a sync advancing) and answers the latest one</li>
 * </ul>
 * Both answer {@code {"text": plain rendering, "card": card JSON, "result": ok|denied|usage|error|unknown}}.
 * {@code locale} in the body is an explicit choice for this request; {@code Accept-Language} is only a hint,
 * used when the caller has not chosen a language with {@code /lang}.
 * The bearer token ({@code PARLEY_ADMIN_TOKEN}) proves the caller may speak for {@code http:} identities;
 * the role of {@code http:<user>} decides what it may do. 401 without the right token, 400 on a bad body.
 */
public final class CommandApiService implements HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String DEFAULT_USER = "admin";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Duration LONG_POLL = Duration.ofSeconds(20);

    private final CommandEngine engine;
    private final Messages messages;
    private final String token;

    /**
     * @param engine   runs the commands
     * @param messages localized error texts
     * @param token    the admin bearer token
     */
    public CommandApiService(CommandEngine engine, Messages messages, String token) {
        this.engine = engine;
        this.messages = messages;
        this.token = token;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/commands", (req, res) -> handle(req, res, "text"))
                .post("/actions", (req, res) -> handle(req, res, "action"))
                .get("/cards/{id}", this::liveCard);
    }

    private void liveCard(ServerRequest req, ServerResponse res) throws InterruptedException {
        String locale = messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        if (!authorized(req, res, locale)) {
            return;
        }
        long after = req.query().first("after").map(CommandApiService::parseLong).orElse(0L);
        Optional<LiveCards.Snapshot> snapshot = engine.liveCards().await(req.path().pathParameters().get("id"), after,
                LONG_POLL);
        if (snapshot.isEmpty()) {
            JsonReplies.error(res, Status.NOT_FOUND_404, messages.text(locale, "api.error.no_card", Map.of()));
            return;
        }
        LiveCards.Snapshot s = snapshot.get();
        ObjectNode json = render(s.card(), s.actionIds());
        json.put("locale", s.locale());
        json.putObject("live").put("id", s.id()).put("version", s.version()).put("finished", s.finished());
        JsonReplies.send(res, Status.OK_200, json);
    }

    private boolean authorized(ServerRequest req, ServerResponse res, String locale) {
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7) && Secrets.matches(token, auth.substring(7).trim())) {
            return true;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"parley\"");
        JsonReplies.error(res, Status.UNAUTHORIZED_401, messages.text(locale, "api.error.unauthorized", Map.of()));
        return false;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void handle(ServerRequest req, ServerResponse res, String field) {
        String acceptLanguage = req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null);
        String locale = messages.resolve(acceptLanguage);
        if (!authorized(req, res, locale)) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(RequestBodies.read(req, MAX_BODY_BYTES));
        } catch (RequestBodies.TooLargeException e) {
            JsonReplies.error(res, Status.REQUEST_ENTITY_TOO_LARGE_413,
                    messages.text(locale, "api.error.too_large", Map.of("max", e.maxBytes())));
            return;
        } catch (java.io.IOException e) {
            JsonReplies.error(res, Status.BAD_REQUEST_400, messages.text(locale, "api.error.malformed_json", Map.of()));
            return;
        }
        if (body == null || !body.isObject()) {
            JsonReplies.error(res, Status.BAD_REQUEST_400, messages.text(locale, "api.error.malformed_json", Map.of()));
            return;
        }
        if (body.hasNonNull("locale")) {
            locale = messages.resolve(body.get("locale").asText());
        }
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            JsonReplies.error(res, Status.BAD_REQUEST_400,
                    messages.text(locale, "api.error.missing_field", Map.of("field", field)));
            return;
        }
        String user = body.path("user").asText(DEFAULT_USER);
        Optional<Identity> identity = USER.matcher(user).matches() ? Identity.parse("http:" + user) : Optional.empty();
        if (identity.isEmpty() || (body.has("user") && !body.get("user").isTextual())) {
            JsonReplies.error(res, Status.BAD_REQUEST_400, messages.text(locale, "api.error.bad_user", Map.of()));
            return;
        }
        String explicitLocale = body.hasNonNull("locale") ? locale : null;
        CommandRequest request = new CommandRequest(identity.orElseThrow(), null, value.asText(), explicitLocale,
                acceptLanguage);
        CommandReply reply = "text".equals(field) ? engine.execute(request) : engine.press(value.asText(), request);
        JsonReplies.send(res, Status.OK_200, render(reply));
    }

    /**
     * @param reply the engine's answer
     * @return the JSON body: plain text, card with button action ids, result, locale, and the live card's id
     */
    static ObjectNode render(CommandReply reply) {
        ObjectNode json = render(reply.card(), reply.actionIds());
        json.put("result", reply.outcome().code());
        json.put("locale", reply.locale());
        if (reply.liveId() != null) {
            json.putObject("live").put("id", reply.liveId()).put("version", 1).put("finished", false);
        }
        return json;
    }

    private static ObjectNode render(Card card, List<String> actionIds) {
        ObjectNode cardJson = CardJson.toJson(card);
        ArrayNode buttons = (ArrayNode) cardJson.get("buttons");
        if (buttons != null) {
            for (int i = 0; i < buttons.size(); i++) {
                ((ObjectNode) buttons.get(i)).put("action", actionIds.get(i));
            }
        }
        ObjectNode json = JsonReplies.object();
        json.put("text", PlainText.render(card));
        json.set("card", cardJson);
        return json;
    }
}
