package dev.parley.channel.feishu;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import dev.parley.channel.ChannelException;
import dev.parley.command.Attachment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fetches the file a Feishu command replies to: the parent message is read, and when it is a {@code file}
 * message its {@code file_key} is downloaded as a message resource ({@link ResourceDownloads}), which stops reading
 * a file larger than {@code maxBytes}: such a file is passed on without its bytes (the command says it is too
 * large); a failed download is passed on the same way, so the command can ask for the file again.
 */
final class FeishuFiles {
    private static final Logger LOG = Logger.getLogger(FeishuFiles.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNNAMED = "file";

    private final FeishuOpenApi api;
    private final ResourceDownloads downloads;
    private final long maxBytes;

    /**
     * @param api       the Open API, to read the message replied to
     * @param downloads downloads its file
     * @param maxBytes  the largest file passed on with its bytes
     */
    FeishuFiles(FeishuOpenApi api, ResourceDownloads downloads, long maxBytes) {
        this.api = api;
        this.downloads = downloads;
        this.maxBytes = maxBytes;
    }

    /**
     * @param parentId the message a command replies to
     * @return the file it carries; empty when it is no file message or could not be read
     */
    Optional<Attachment> repliedTo(String parentId) {
        FeishuOpenApi.MessageBody parent;
        try {
            parent = api.message(parentId);
        } catch (ChannelException e) {
            LOG.warning("the Feishu message a command replies to was not read: " + e.getMessage());
            return Optional.empty();
        }
        if (!"file".equals(parent.type())) {
            return Optional.empty();
        }
        JsonNode content = json(parent.content());
        String fileKey = content.path("file_key").asText("");
        String name = content.path("file_name").asText("").isBlank() ? UNNAMED : content.path("file_name").asText();
        if (fileKey.isEmpty()) {
            return Optional.of(Attachment.unfetched(name, null, -1));
        }
        try {
            ResourceDownloads.Download download = downloads.file(parentId, fileKey, maxBytes);
            return Optional.of(download.bytes() == null ? Attachment.unfetched(name, null, download.size())
                    : new Attachment(name, null, download.bytes()));
        } catch (ChannelException e) {
            LOG.warning("a Feishu file was not downloaded: " + e.getMessage());
            return Optional.of(Attachment.unfetched(name, null, -1));
        }
    }

    private static JsonNode json(String content) {
        try {
            JsonNode json = content == null ? null : JSON.readTree(content);
            return json == null ? JSON.missingNode() : json;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
