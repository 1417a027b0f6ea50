package dev.parley.search;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.contact.ContactStore;
import dev.parley.message.MessageType;

/**
 * {@code /search <words> [filters]}: every message the fleet has seen, newest first (or by relevance),
 * each hit with its {@code #id} (what {@code /reply} and {@code /media} take), chat, sender, time and the matched
 * words highlighted. Names typed in filters
 * (an account label, a group name, a contact's nickname) are resolved to ids first.
 */
public final class SearchCommand {
    private final SearchService search;
    private final MessageIndex index;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final Times times;
    private final InstantSource clock;
    private final int pageSize;

    /**
     * @param search   runs queries and loads the hits
     * @param index    the index, for its rebuild state
     * @param accounts resolves account references
     * @param contacts resolves chat and sender names, and names chats in hits
     * @param times    shows times and reads dates in the service's zone
     * @param clock    the present, for {@code since:}
     * @param pageSize hits per card
     */
    public SearchCommand(SearchService search, MessageIndex index, AccountStore accounts, ContactStore contacts,
                         Times times, InstantSource clock, int pageSize) {
        this.search = search;
        this.index = index;
        this.accounts = accounts;
        this.contacts = contacts;
        this.times = times;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("search", this::search);
    }

    private Card search(Invocation inv) {
        String text = inv.require("query", String.class);
        long page = inv.get("page", Long.class).orElse(1L);
        SearchQuery.Builder query = SearchQuery.builder(text);
        Map<String, String> given = new HashMap<>();
        inv.get("account", String.class).ifPresent(ref -> {
            List<Account> matches = accounts.resolve(ref);
            if (matches.isEmpty()) {
                throw new CommandException("search.error.no_account", "account", ref);
            }
            query.accounts(matches.stream().map(Account::id).toList());
            given.put("account", ref);
        });
        inv.get("chat", String.class).ifPresent(ref -> {
            query.chats(idsFor(ref, contacts.chatIdsNamed(ref)).toArray(String[]::new));
            given.put("chat", ref);
        });
        inv.get("sender", String.class).ifPresent(ref -> {
            query.senders(idsFor(ref, contacts.contactIdsNamed(ref)).toArray(String[]::new));
            given.put("sender", ref);
        });
        inv.get("type", String.class).ifPresent(code -> {
            query.types(MessageType.fromCode(code));
            given.put("type", code);
        });
        Long from = null;
        Long to = null;
        if (inv.get("since", Duration.class).isPresent()) {
            from = clock.millis() - inv.get("since", Duration.class).get().toMillis();
            given.put("since", raw(inv.get("since", Duration.class).get()));
        }
        if (inv.get("from", LocalDate.class).isPresent()) {
            LocalDate day = inv.get("from", LocalDate.class).get();
            from = Math.max(from == null ? Long.MIN_VALUE : from, startOf(day));
            given.put("from", day.toString());
        }
        if (inv.get("to", LocalDate.class).isPresent()) {
            LocalDate day = inv.get("to", LocalDate.class).get();
            to = startOf(day.plusDays(1)); // "to:" includes the whole day
            given.put("to", day.toString());
        }
        if (from != null && to != null && from >= to) {
            throw new CommandException("search.error.empty_range");
        }
        query.from(from).to(to);
        inv.get("withdrawn", String.class).ifPresent(include -> {
            query.withdrawn(true);
            given.put("withdrawn", include);
        });
        inv.get("sort", String.class).ifPresent(sort -> {
            query.sort(sort.equals("relevance") ? SortOrder.RELEVANCE : SortOrder.NEWEST);
            given.put("sort", sort);
        });
        long offset = (page - 1) * pageSize;
        if (offset + pageSize > SearchQuery.MAX_WINDOW) {
            throw new CommandException("search.error.too_deep", "max", SearchQuery.MAX_WINDOW / pageSize);
        }
        query.page((int) offset, pageSize);

        SearchPage found = search.search(query.build());
        Card.Builder card = Card.builder(inv.t("search.title", "query", text));
        if (found.total() == 0) {
            card.text(inv.t("search.none", "query", text));
        } else {
            long last = Math.min(found.total(), offset + found.messages().size());
            card.text(inv.t("search.count", "total", found.total(), "first", offset + 1, "last", last));
            Map<ContactStore.ChatKey, String> chatNames = contacts.namesOf(found.messages().stream()
                    .map(hit -> new ContactStore.ChatKey(hit.message().accountId(), hit.message().chatId())).toList());
            Map<ContactStore.SenderKey, String> senderNames = contacts.senderNames(found.messages().stream()
                    .filter(hit -> !hasOwnName(hit.message()))
                    .map(hit -> new ContactStore.SenderKey(hit.message().accountId(), hit.message().chatId(),
                            hit.message().senderId())).toList());
            for (FoundMessage hit : found.messages()) {
                card.field(label(inv, hit.message(), chatNames, senderNames), hit.snippet());
            }
            if (page > 1) {
                card.button(Button.of(inv.t("search.previous"), command(inv, text, given, page - 1)));
            }
            if (last < found.total()) {
                card.button(Button.of(inv.t("search.next"), command(inv, text, given, page + 1)));
            }
        }
        IndexStatus status = index.status();
        if (status.state() == IndexStatus.State.REBUILDING) {
            card.footer(inv.t("search.rebuilding", "done", status.done(), "total", status.total()));
        }
        return card.build();
    }

    private String label(Invocation inv, MessageView m, Map<ContactStore.ChatKey, String> chatNames,
                         Map<ContactStore.SenderKey, String> senderNames) {
        boolean in = "in".equals(m.direction());
        String sender = !in ? inv.t("search.me") : hasOwnName(m) ? m.senderName()
                : senderNames.getOrDefault(new ContactStore.SenderKey(m.accountId(), m.chatId(), m.senderId()), m.senderId());
        String known = chatNames.get(new ContactStore.ChatKey(m.accountId(), m.chatId()));
        // a private chat is named after the customer; their display name is on their own messages
        String chat = known != null ? known : "private".equals(m.chatType()) && in ? sender : m.chatId();
        String where = "group".equals(m.chatType()) ? inv.t("search.in_group", "chat", chat, "sender", sender) : chat;
        String type = m.type() == MessageType.TEXT ? "" : " · " + inv.t("search.type." + m.type().code());
        String automatic = m.automatic() ? " · " + inv.t("search.automatic") : "";
        String withdrawn = m.withdrawn() ? " · " + inv.t("search.withdrawn") : "";
        return "#" + m.id() + " · " + where + " · " + times.format(m.sentAt()) + type + automatic + withdrawn;
    }

    /** Whether the message carries a real display name of its sender (a "name" equal to the id is none). */
    private static boolean hasOwnName(MessageView m) {
        return m.senderName() != null && !m.senderName().equals(m.senderId());
    }

    /** The ids a name stands for, plus the text itself in case it is an id. */
    private static Set<String> idsFor(String typed, List<String> named) {
        Set<String> ids = new LinkedHashSet<>(named);
        ids.add(typed);
        return ids;
    }

    private long startOf(LocalDate day) {
        return day.atStartOfDay(times.zone()).toInstant().toEpochMilli();
    }

    /** The same search on another page, in the language it was typed in. */
    private static String command(Invocation inv, String text, Map<String, String> given, long page) {
        StringBuilder command = new StringBuilder(inv.invocationOf(inv.command())).append(' ').append(text);
        given.forEach((name, value) -> command.append(' ').append(name).append(':').append(quoted(value)));
        return command.append(" page:").append(page).toString();
    }

    private static String quoted(String value) {
        return value.chars().anyMatch(Character::isWhitespace) ? "\"" + value.replace("\"", "") + "\"" : value;
    }

    private static String raw(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
