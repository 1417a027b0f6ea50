package dev.parley.channel.telegram;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.parley.channel.ChannelException;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Bot API client with bounded timeouts, and the one place its failures become {@link ChannelException}s:
 * 429 is transient with the {@code retry_after} Telegram asked for, 5xx and network errors are transient,
 * other 4xx are permanent. The token is part of every request path, so every message that leaves this class
 * has it replaced by {@code <token>}.
 */
final class TelegramApi implements AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String token;
    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final TelegramUrl url;
    private final TelegramStatus status;

    /**
     * @param settings    the token and API address
     * @param longestPoll the longest {@code getUpdates} hold, so polling clients time out after it
     * @param status      learns of every failed call
     */
    TelegramApi(TelegramSettings settings, Duration longestPoll, TelegramStatus status) {
        this.token = settings.token();
        this.status = status;
        this.url = TelegramUrl.builder().schema(settings.apiUrl().getScheme()).host(settings.apiUrl().getHost())
                .port(settings.apiPort()).testServer(false).build();
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(32);
        dispatcher.setMaxRequestsPerHost(32);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(8, 5, TimeUnit.MINUTES))
                .connectTimeout(10, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .readTimeout(longestPoll.plus(CALL_TIMEOUT))
                .build();
        this.client = new OkHttpTelegramClient(http.newBuilder().callTimeout(CALL_TIMEOUT).build(), token, url);
    }

    /** @return the API address, for the long-polling session */
    TelegramUrl url() {
        return url;
    }

    /** @return the HTTP client polling shares (its calls are cancelled on close) */
    OkHttpClient http() {
        return http;
    }

    /**
     * @param method a JSON method
     * @param <T>    its result type
     * @return its result
     * @throws ChannelException when Telegram refused it or could not be reached
     */
    <T extends Serializable> T call(BotApiMethod<T> method) throws ChannelException {
        try {
            return client.execute(method);
        } catch (TelegramApiException e) {
            throw failure(method.getMethod(), e);
        }
    }

    /**
     * @param photo a photo upload
     * @return the message
     * @throws ChannelException when it was not sent
     */
    Message call(SendPhoto photo) throws ChannelException {
        try {
            return client.execute(photo);
        } catch (TelegramApiException e) {
            throw failure("sendPhoto", e);
        }
    }

    /**
     * @param document a file upload
     * @return the message
     * @throws ChannelException when it was not sent
     */
    Message call(SendDocument document) throws ChannelException {
        try {
            return client.execute(document);
        } catch (TelegramApiException e) {
            throw failure("sendDocument", e);
        }
    }

    /**
     * @param media a new photo for a message
     * @throws ChannelException when it was not edited
     */
    void call(EditMessageMedia media) throws ChannelException {
        try {
            client.execute(media);
        } catch (TelegramApiException e) {
            throw failure("editMessageMedia", e);
        }
    }

    /**
     * @param webhook where Telegram should post updates
     * @throws ChannelException when Telegram refused it
     */
    void call(SetWebhook webhook) throws ChannelException {
        try {
            client.execute(webhook);
        } catch (TelegramApiException e) {
            throw failure("setWebhook", e);
        }
    }

    /**
     * @param text any text that may contain the token
     * @return the text with the token replaced
     */
    String redact(String text) {
        return text == null ? null : text.replace(token, "<token>");
    }

    private ChannelException failure(String method, TelegramApiException e) {
        ChannelException failure = translate(method, e);
        status.failed(failure.getMessage());
        return failure;
    }

    private ChannelException translate(String method, TelegramApiException e) {
        if (e instanceof TelegramApiRequestException request && request.getErrorCode() != null) {
            int code = request.getErrorCode();
            String message = method + ": " + code + " " + redact(String.valueOf(request.getApiResponse()));
            if (code == 429) {
                Integer after = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
                return ChannelException.retryable(message, null, Duration.ofSeconds(after == null ? 1 : after));
            }
            return code >= 500 ? ChannelException.retryable(message, null, null) : ChannelException.permanent(message, null);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String detail = cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                : cause.getMessage();
        return ChannelException.retryable(method + " failed: " + redact(detail), null, null);
    }

    /** Cancels calls in flight (a held {@code getUpdates} included) and releases connections and threads. */
    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
