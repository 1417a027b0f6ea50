package dev.parley.channel.feishu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.parley.channel.ChannelException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.lark.oapi.Client;
import com.lark.oapi.core.response.BaseResponse;
import com.lark.oapi.core.response.RawResponse;
import com.lark.oapi.core.token.AccessTokenType;
import com.lark.oapi.service.im.v1.model.CreateFileReq;
import com.lark.oapi.service.im.v1.model.CreateFileReqBody;
import com.lark.oapi.service.im.v1.model.CreateFileResp;
import com.lark.oapi.service.im.v1.model.CreateImageReq;
import com.lark.oapi.service.im.v1.model.CreateImageReqBody;
import com.lark.oapi.service.im.v1.model.CreateImageResp;
import com.lark.oapi.service.im.v1.model.CreateMessageReq;
import com.lark.oapi.service.im.v1.model.CreateMessageReqBody;
import com.lark.oapi.service.im.v1.model.CreateMessageResp;
import com.lark.oapi.service.im.v1.model.GetMessageReq;
import com.lark.oapi.service.im.v1.model.GetMessageResp;
import com.lark.oapi.service.im.v1.model.Message;
import com.lark.oapi.service.im.v1.model.PatchMessageReq;
import com.lark.oapi.service.im.v1.model.PatchMessageReqBody;
import com.lark.oapi.service.im.v1.model.PatchMessageResp;

/**
 * The Feishu Open API calls Parley makes, through the SDK's client (which fetches and caches the tenant
 * access token; request logging stays off so neither the token nor the secret reaches a log). Failures
 * become {@link ChannelException}s: throttling (HTTP 429, codes 99991400 and 230020), server errors and
 * network errors are transient, with the wait Feishu asks for in {@code x-ogw-ratelimit-reset}; anything
 * else (bot not in the chat, card refused) is permanent.
 */
final class FeishuOpenApi {
    private static final int RATE_LIMITED = 99991400;
    private static final int CHAT_RATE_LIMITED = 230020;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client client;

    /**
     * @param settings the app's credentials and the API base
     * @param timeout  the longest one call may take
     */
    FeishuOpenApi(FeishuSettings settings, Duration timeout) {
        this.client = Client.newBuilder(settings.appId(), settings.appSecret())
                .openBaseUrl(settings.baseUrl())
                .requestTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .logReqAtDebug(false)
                .build();
    }

    /**
     * @param chatId   the chat
     * @param cardJson the card JSON 2.0
     * @return the new message's id
     * @throws ChannelException when it was not sent
     */
    String sendCard(String chatId, String cardJson) throws ChannelException {
        return send(chatId, "interactive", cardJson);
    }

    /**
     * @param chatId  the chat
     * @param fileKey an uploaded file's key
     * @throws ChannelException when it was not sent
     */
    void sendFile(String chatId, String fileKey) throws ChannelException {
        send(chatId, "file", JsonNodeFactory.instance.objectNode().put("file_key", fileKey).toString());
    }

    /**
     * @param messageId a card message the bot sent
     * @param cardJson  its new version
     * @throws ChannelException when it was not changed
     */
    void patchCard(String messageId, String cardJson) throws ChannelException {
        PatchMessageReq req = PatchMessageReq.newBuilder().messageId(messageId)
                .patchMessageReqBody(PatchMessageReqBody.newBuilder().content(cardJson).build()).build();
        PatchMessageResp resp = call("patch a card", () -> client.im().message().patch(req));
        check("patch a card", resp);
    }

    /**
     * @param png the image
     * @return its {@code image_key}
     * @throws ChannelException when it was not uploaded
     */
    String uploadImage(byte[] png) throws ChannelException {
        return withTempFile("parley-card-", ".png", png, file -> {
            CreateImageReq req = CreateImageReq.newBuilder().createImageReqBody(CreateImageReqBody.newBuilder()
                    .imageType("message").image(file).build()).build();
            CreateImageResp resp = call("upload an image", () -> client.im().image().create(req));
            check("upload an image", resp);
            return resp.getData().getImageKey();
        });
    }

    /**
     * @param name  the file name shown in the chat
     * @param bytes the content
     * @return its {@code file_key}
     * @throws ChannelException when it was not uploaded
     */
    String uploadFile(String name, byte[] bytes) throws ChannelException {
        return withTempFile("parley-file-", ".bin", bytes, file -> {
            CreateFileReq req = CreateFileReq.newBuilder().createFileReqBody(CreateFileReqBody.newBuilder()
                    .fileType("stream").fileName(name).file(file).build()).build();
            CreateFileResp resp = call("upload a file", () -> client.im().file().create(req));
            check("upload a file", resp);
            return resp.getData().getFileKey();
        });
    }

    /**
     * @return the bot's own {@code open_id} ({@code GET /open-apis/bot/v3/info}), to tell mentions of it from
     *         mentions of people
     * @throws ChannelException when Feishu did not say
     */
    String botOpenId() throws ChannelException {
        RawResponse raw = call("read the bot's identity", () -> client.get("/open-apis/bot/v3/info", null,
                AccessTokenType.Tenant));
        try {
            JsonNode body = JSON.readTree(raw.getBody());
            String openId = body.path("bot").path("open_id").asText("");
            if (raw.getStatusCode() != 200 || body.path("code").asInt(-1) != 0 || openId.isEmpty()) {
                throw ChannelException.permanent("Feishu did not tell the bot's identity: HTTP " + raw.getStatusCode()
                        + ", code " + body.path("code").asText(), null);
            }
            return openId;
        } catch (IOException e) {
            throw ChannelException.permanent("Feishu answered the bot's identity with no JSON", e);
        }
    }

    /**
     * @param messageId a message ({@code GET /open-apis/im/v1/messages/{message_id}})
     * @return its type ({@code msg_type}) and content JSON
     * @throws ChannelException when Feishu did not give it
     */
    MessageBody message(String messageId) throws ChannelException {
        GetMessageReq req = GetMessageReq.newBuilder().messageId(messageId).build();
        GetMessageResp resp = call("read a message", () -> client.im().message().get(req));
        check("read a message", resp);
        Message[] items = resp.getData().getItems();
        if (items == null || items.length == 0 || items[0].getBody() == null) {
            throw ChannelException.permanent("Feishu gave no message " + messageId, null);
        }
        return new MessageBody(items[0].getMsgType(), items[0].getBody().getContent());
    }

    /**
     * A message as {@link #message} reads it.
     *
     * @param type    its {@code msg_type}, e.g. {@code file}
     * @param content its content JSON
     */
    record MessageBody(String type, String content) {
    }

    private String send(String chatId, String msgType, String content) throws ChannelException {
        CreateMessageReq req = CreateMessageReq.newBuilder().receiveIdType("chat_id")
                .createMessageReqBody(CreateMessageReqBody.newBuilder().receiveId(chatId).msgType(msgType).content(content)
                        .build())
                .build();
        CreateMessageResp resp = call("send a message", () -> client.im().message().create(req));
        check("send a message", resp);
        return resp.getData().getMessageId();
    }

    private static <T> T call(String what, SdkCall<T> call) throws ChannelException {
        try {
            return call.run();
        } catch (ChannelException e) {
            throw e;
        } catch (Exception e) {
            throw ChannelException.retryable("Feishu could not be reached to " + what + ": " + e.getMessage(), e, null);
        }
    }

    private static void check(String what, BaseResponse<?> resp) throws ChannelException {
        RawResponse raw = resp.getRawResponse();
        int status = raw == null ? 200 : raw.getStatusCode();
        if (resp.getCode() == 0 && status < 300 && resp.getData() != null) {
            return;
        }
        String message = "Feishu refused to " + what + ": HTTP " + status + ", code " + resp.getCode() + " " + resp.getMsg();
        if (status == 429 || resp.getCode() == RATE_LIMITED || resp.getCode() == CHAT_RATE_LIMITED) {
            throw ChannelException.retryable(message, null, retryAfter(raw));
        }
        if (status >= 500) {
            throw ChannelException.retryable(message, null, null);
        }
        throw ChannelException.permanent(message, null);
    }

    private static Duration retryAfter(RawResponse raw) {
        if (raw == null || raw.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : raw.getHeaders().entrySet()) {
            if ("x-ogw-ratelimit-reset".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                try {
                    return Duration.ofSeconds(Math.max(1, Long.parseLong(header.getValue().get(0).trim())));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The SDK models take only a {@link java.io.File}, so uploads go through a temporary file, removed after. */
    private static String withTempFile(String prefix, String suffix, byte[] bytes, Upload upload) throws ChannelException {
        Path file;
        try {
            file = Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for a Feishu upload", e);
        }
        try {
            Files.write(file, bytes);
            return upload.run(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file for a Feishu upload", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory is cleaned by the system
            }
        }
    }

    /** One SDK call. */
    @FunctionalInterface
    private interface SdkCall<T> {
        T run() throws Exception;
    }

    /** One upload of a temporary file. */
    @FunctionalInterface
    private interface Upload {
        String run(java.io.File file) throws ChannelException;
    }
}
