package dev.parley.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.card.CardImage;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.command.LiveCards;
import dev.parley.connector.Connectors;
import dev.parley.message.MessageStore;
import dev.parley.message.MessageType;
import dev.parley.message.RowIds;
import dev.parley.message.StoredMessage;

/**
 * {@code /media <#message>}: the image, voice, video or file of a received message, downloaded on demand through
 * the paced {@link MediaDownloads} and kept in {@link MediaCache}. The answer is a live card: "downloading, about N s"
 * first, then the media itself: an image as the card's PNG, anything else as a link to {@code /api/media/<id>} on
 * this server (the admin token opens it).
 */
public final class MediaCommand {
    private static final Logger LOG = Logger.getLogger(MediaCommand.class.getName());
    private static final Set<MessageType> WITH_MEDIA = EnumSet.of(MessageType.IMAGE, MessageType.VOICE,
            MessageType.VIDEO, MessageType.FILE);

    private final MessageStore messages;
    private final AccountStore accounts;
    private final Connectors connectors;
    private final MediaCache cache;
    private final MediaDownloads downloads;
    private final String publicUrl;
    private final InstantSource clock;

    /**
     * @param messages   the messages
     * @param accounts   the accounts that received them
     * @param connectors the platforms (a download needs the message's)
     * @param cache      downloaded media
     * @param downloads  the paced download queue
     * @param publicUrl  this server's public URL, or blank to link by path only
     * @param clock      the present
     */
    public MediaCommand(MessageStore messages, AccountStore accounts, Connectors connectors, MediaCache cache,
                        MediaDownloads downloads, String publicUrl, InstantSource clock) {
        this.messages = messages;
        this.accounts = accounts;
        this.connectors = connectors;
        this.cache = cache;
        this.downloads = downloads;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("media", this::media);
    }

    private Card media(Invocation inv) {
        String typed = inv.require("message", String.class);
        long id = RowIds.parse(typed).orElseThrow(() -> new CommandException("media.error.bad_ref", "ref", typed));
        StoredMessage message = messages.find(id).orElseThrow(() -> new CommandException("media.error.no_message",
                "id", id));
        if (!WITH_MEDIA.contains(message.type())) {
            throw new CommandException("media.error.no_media", "id", id, "type",
                    inv.t("search.type." + message.type().code()));
        }
        Optional<Path> cached = cache.find(id);
        if (cached.isPresent()) {
            return ready(inv, message, cached.get());
        }
        Account account = accounts.find(message.accountId()).orElseThrow(() -> new CommandException(
                "media.error.account_gone", "id", id));
        connectors.require(account.platform());
        MediaDownloads.Ticket ticket = downloads.request(message);
        LiveCards.LiveCard live = inv.live();
        ticket.file().whenComplete((file, error) -> live.finish(outcome(inv, message, file, error)));
        long seconds = Math.max(0, Math.round((ticket.expectedAt() - clock.millis()) / 1000.0));
        return Card.builder(inv.t("media.pending.title", "id", id))
                .text(inv.t("media.pending.text", "id", id, "position", ticket.position(), "seconds", seconds))
                .build();
    }

    private Card ready(Invocation inv, StoredMessage message, Path file) {
        MediaFile media;
        try {
            media = MediaFile.of(message, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String link = publicUrl + MediaService.PATH + "/" + message.id();
        Card.Builder card = Card.builder(inv.t("media.ready.title", "id", message.id())).tone(Card.Tone.SUCCESS)
                .shortField(inv.t("media.field.type"), inv.t("search.type." + message.type().code()))
                .shortField(inv.t("media.field.size"), inv.t("media.size", "kb", Math.max(1, (media.size() + 512) / 1024)))
                .shortField(inv.t("media.field.name"), media.fileName());
        Optional<byte[]> png = media.isImage() ? PngImages.of(file) : Optional.empty();
        if (png.isPresent()) {
            return card.image(new CardImage(png.get(), inv.t("media.image_alt", "id", message.id())))
                    .text(inv.t("media.ready.image", "link", link)).build();
        }
        return card.text(inv.t("media.ready.file", "link", link)).build();
    }

    /** The last version of the live card: the media, or why there is none. */
    private Card outcome(Invocation inv, StoredMessage message, Path file, Throwable error) {
        if (error == null) {
            try {
                return ready(inv, message, file);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the downloaded media of message #" + message.id() + " cannot be shown", e);
                error = e;
            }
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String text = cause instanceof CommandException e ? inv.messages().text(inv.locale(), e.key(), e.args())
                : inv.t("media.error.fetch", "id", message.id(), "reason", cause.getClass().getSimpleName());
        return Card.error(inv.t("media.failed.title"), text);
    }
}
