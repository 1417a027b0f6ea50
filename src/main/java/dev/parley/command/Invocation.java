package dev.parley.command;

import java.util.Optional;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;
import dev.parley.rbac.Role;

/**
 * One run of a command as a handler sees it: the parsed values, who asked and with which role, where,
 * and the locale to answer in.
 */
public final class Invocation {
    private final ParseResult.Parsed parsed;
    private final CommandRequest request;
    private final String text;
    private final boolean confirmed;
    private final Optional<Role> role;
    private String locale;
    private final Messages messages;
    private final Usage usage;
    private final LiveCards liveCards;
    private LiveCards.LiveCard live;
    private Optional<Attachment> attachment;

    Invocation(ParseResult.Parsed parsed, CommandRequest request, String text, boolean confirmed, Optional<Role> role,
               String locale, Messages messages, Usage usage, LiveCards liveCards) {
        this.parsed = parsed;
        this.request = request;
        this.text = text;
        this.confirmed = confirmed;
        this.role = role;
        this.locale = locale;
        this.messages = messages;
        this.usage = usage;
        this.liveCards = liveCards;
    }

    /** @return the command being run */
    public CommandSpec command() {
        return parsed.command();
    }

    /**
     * @param name the canonical name of an argument or option
     * @param type the class of its value
     * @return the value, empty when not given
     */
    public <T> Optional<T> get(String name, Class<T> type) {
        return parsed.get(name, type);
    }

    /**
     * @param name the canonical name of a required argument
     * @param type the class of its value
     * @return the value (the parser guarantees required arguments)
     */
    public <T> T require(String name, Class<T> type) {
        return parsed.get(name, type).orElseThrow(() -> new IllegalStateException("required argument '" + name
                + "' of " + command().id() + " is missing"));
    }

    /** @return whether the caller pressed Confirm on the question this command asked (see {@link #confirmFirst}) */
    public boolean confirmed() {
        return confirmed;
    }

    /**
     * Asks before doing something destructive: the answer offers Confirm, which runs this same command
     * confirmed, and Cancel; both work once, for {@link CardActions#CONFIRMATION_LIFETIME}. Typing the command
     * again only asks again.
     *
     * @param title the question
     * @param text  what will happen
     * @return the question card to answer with
     */
    public Card confirmFirst(String title, String text) {
        return Card.builder(title).tone(Card.Tone.WARNING).text(text)
                .button(Button.confirm(t("engine.confirm.yes"), this.text))
                .button(Button.cancel(t("engine.confirm.no"), this.text))
                .footer(t("engine.confirm.footer", "minutes", CardActions.CONFIRMATION_LIFETIME.toMinutes()))
                .build();
    }

    /**
     * Makes the answer a card that a job keeps updating (login progress, sync progress). The card the handler
     * returns is its first version; the job publishes later ones through the handle.
     *
     * @return the handle, the same one on every call
     */
    public LiveCards.LiveCard live() {
        if (live == null) {
            live = liveCards.open(request.identity(), locale);
        }
        return live;
    }

    /** @return the live card this invocation opened, or {@code null} */
    LiveCards.LiveCard liveCard() {
        return live;
    }

    /** @return who asked */
    public Identity identity() {
        return request.identity();
    }

    /** @return their role, empty when they have none */
    public Optional<Role> role() {
        return role;
    }

    /** @return free text that came with the command as is (a reply to a card), if any */
    public Optional<String> body() {
        return Optional.ofNullable(request.body());
    }

    /** @return the file sent with the command, fetched now from the platform the first time; empty when none was */
    public Optional<Attachment> attachment() {
        if (attachment == null) {
            attachment = request.attachment() == null ? Optional.empty() : request.attachment().fetch();
        }
        return attachment;
    }

    /** @return the file the command read, empty when it read none (or none came with it) */
    Optional<Attachment> fileRead() {
        return attachment == null ? Optional.empty() : attachment;
    }

    /** @return the chat it was typed in, or {@code null} */
    public String chat() {
        return request.chat();
    }

    /** @return the locale to answer in */
    public String locale() {
        return locale;
    }

    /**
     * Answers in another locale from now on (after {@code /lang}, the answer is already in the new language).
     *
     * @param locale a supported locale
     */
    public void switchLocale(String locale) {
        this.locale = messages.resolve(locale);
    }

    /**
     * @param key            a locale key
     * @param namesAndValues its placeholders: name, value, name, value…
     * @return the text in the caller's locale
     */
    public String t(String key, Object... namesAndValues) {
        return messages.text(locale, key, namesAndValues);
    }

    /** @return the localization bundle */
    public Messages messages() {
        return messages;
    }

    /**
     * @param command a command of the catalog
     * @return how to type it in the caller's locale
     */
    public String usageOf(CommandSpec command) {
        return usage.line(command, locale);
    }

    /**
     * @param command a command of the catalog
     * @return the slash and its name in the caller's locale, e.g. {@code /搜索}
     */
    public String invocationOf(CommandSpec command) {
        return usage.invocation(command, locale);
    }
}
