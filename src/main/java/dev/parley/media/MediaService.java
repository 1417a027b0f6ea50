package dev.parley.media;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.parley.config.Secrets;
import dev.parley.http.JsonReplies;
import dev.parley.i18n.Messages;
import dev.parley.message.MessageStore;
import dev.parley.message.RowIds;
import dev.parley.message.StoredMessage;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /api/media/{message id}}: a downloaded media file, for the links {@code /media} answers with. Only
 * callers with the admin bearer token get it (401 otherwise); a message never downloaded is a 404 that says to run
 * {@code /media} first. Files are sent as attachments and never sniffed by browsers, so a downloaded HTML file
 * cannot run as this server's page.
 */
public final class MediaService implements HttpService {
    /** Where the service is registered. */
    public static final String PATH = "/api/media";

    private final MediaCache cache;
    private final MessageStore messages;
    private final Messages texts;
    private final String token;

    /**
     * @param cache    downloaded media
     * @param messages what each file belongs to (its name and type)
     * @param texts    localized error texts
     * @param token    the admin bearer token
     */
    public MediaService(MediaCache cache, MessageStore messages, Messages texts, String token) {
        this.cache = cache;
        this.messages = messages;
        this.texts = texts;
        this.token = token;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}", this::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) throws IOException {
        String locale = texts.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        String auth = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || !Secrets.matches(token, auth.substring(7).trim())) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"parley\"");
            JsonReplies.error(res, Status.UNAUTHORIZED_401, texts.text(locale, "api.error.unauthorized", Map.of()));
            return;
        }
        String typed = req.path().pathParameters().get("id");
        OptionalLong id = RowIds.parse(typed);
        Optional<Path> file = id.isPresent() ? cache.find(id.getAsLong()) : Optional.empty();
        Optional<StoredMessage> message = file.isPresent() ? messages.find(id.getAsLong()) : Optional.empty();
        if (message.isEmpty()) {
            JsonReplies.error(res, Status.NOT_FOUND_404, texts.text(locale, "media.error.not_downloaded",
                    Map.of("id", typed)));
            return;
        }
        MediaFile media = MediaFile.of(message.get(), file.get());
        res.header(HeaderNames.CONTENT_TYPE, media.contentType());
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
                + URLEncoder.encode(media.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(media.size()));
        try (OutputStream out = res.outputStream()) {
            Files.copy(file.get(), out);
        }
    }
}
