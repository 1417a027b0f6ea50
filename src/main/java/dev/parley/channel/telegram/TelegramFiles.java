package dev.parley.channel.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.logging.Logger;

import dev.parley.channel.ChannelException;
import dev.parley.command.Attachment;

import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.File;

/**
 * Fetches the document a command came with: {@code getFile}, then {@code <api base>/file/bot<token>/<file_path>}
 * (the SDK's own download always goes to api.telegram.org, so a local Bot API server or a fake would be skipped).
 * A document larger than {@code maxBytes} by its declared size is not downloaded at all, and a download is cut
 * off past {@code maxBytes}; either way the command gets the file without its bytes and says it is too large.
 * A failed download is logged (the URL holds the token, so it is never printed) and passed on unfetched.
 */
final class TelegramFiles {
    private static final Logger LOG = Logger.getLogger(TelegramFiles.class.getName());
    private static final String UNNAMED = "document";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);

    private final TelegramApi api;
    private final TelegramSettings settings;
    private final long maxBytes;

    /**
     * @param api      the Bot API
     * @param settings where files are downloaded from, with which token
     * @param maxBytes the largest file downloaded
     */
    TelegramFiles(TelegramApi api, TelegramSettings settings, long maxBytes) {
        this.api = api;
        this.settings = settings;
        this.maxBytes = maxBytes;
    }

    /**
     * @param document a document someone sent
     * @return the file, with its bytes when it was downloaded
     */
    Attachment fetch(Document document) {
        String name = document.getFileName() == null || document.getFileName().isBlank() ? UNNAMED
                : document.getFileName();
        String type = document.getMimeType();
        if (document.getFileSize() != null && document.getFileSize() > maxBytes) {
            return Attachment.unfetched(name, type, document.getFileSize());
        }
        try {
            File file = api.call(GetFile.builder().fileId(document.getFileId()).build());
            if (file.getFileSize() != null && file.getFileSize() > maxBytes) {
                return Attachment.unfetched(name, type, file.getFileSize());
            }
            if (file.getFilePath() == null) {
                throw ChannelException.permanent("getFile: no file_path", null);
            }
            return download(name, type, file.getFilePath());
        } catch (ChannelException e) {
            LOG.warning("a Telegram document was not downloaded: " + api.redact(e.getMessage()));
            return Attachment.unfetched(name, type, document.getFileSize() == null ? -1 : document.getFileSize());
        }
    }

    /**
     * @return the file, without its bytes when it turns out larger than {@code maxBytes} (its size then is the
     *         {@code Content-Length}, or at least {@code maxBytes + 1})
     */
    private Attachment download(String name, String type, String filePath) throws ChannelException {
        HttpUrl url = new HttpUrl.Builder().scheme(settings.apiUrl().getScheme()).host(settings.apiUrl().getHost())
                .port(settings.apiPort()).addPathSegment("file").addPathSegment("bot" + settings.token())
                .addPathSegments(filePath).build();
        Request request = new Request.Builder().url(url).get().build();
        try (Response response = api.http().newBuilder().callTimeout(DOWNLOAD_TIMEOUT).build().newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw ChannelException.permanent("file download: HTTP " + response.code(), null);
            }
            if (body.contentLength() > maxBytes) {
                return Attachment.unfetched(name, type, body.contentLength());
            }
            try (InputStream in = body.byteStream()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                return bytes.length > maxBytes ? Attachment.unfetched(name, type, bytes.length)
                        : new Attachment(name, type, bytes);
            }
        } catch (IOException e) {
            throw ChannelException.retryable("file download failed: " + api.redact(e.getClass().getSimpleName() + ": "
                    + e.getMessage()), null, null);
        }
    }
}
