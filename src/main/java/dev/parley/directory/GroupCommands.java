package dev.parley.directory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.CommandSpec;
import dev.parley.command.Invocation;
import dev.parley.directory.DirectoryQueries.GroupEvent;
import dev.parley.directory.DirectoryQueries.GroupRow;

/**
 * {@code /group list|info|members}: the groups of the managed accounts as admins see them in chat. A group is
 * named by its id or its exact name; a group several accounts are in is shown as the account that read its
 * members last sees it, with the others listed; a name several groups share lists them with a button each.
 */
final class GroupCommands {
    private static final Duration RECENT = Duration.ofDays(7);
    private static final int RECENT_EVENTS = 8;
    private static final int CANDIDATES = 8;

    private final DirectoryQueries queries;
    private final AccountStore accounts;
    private final Times times;
    private final InstantSource clock;
    private final int groupsPerPage;
    private final int membersPerPage;

    GroupCommands(DirectoryQueries queries, AccountStore accounts, Times times, InstantSource clock, int groupsPerPage,
                  int membersPerPage) {
        this.queries = queries;
        this.accounts = accounts;
        this.times = times;
        this.clock = clock;
        this.groupsPerPage = groupsPerPage;
        this.membersPerPage = membersPerPage;
    }

    void register(CommandEngine.Builder engine) {
        engine.handler("group.list", this::list);
        engine.handler("group.info", this::info);
        engine.handler("group.members", this::members);
    }

    private Card list(Invocation inv) {
        Account only = inv.get("account", String.class).map(ref -> AccountRefs.one(accounts, ref)).orElse(null);
        Long accountId = only == null ? null : only.id();
        long page = inv.get("page", Long.class).orElse(1L);
        int total = queries.countGroups(accountId);
        Card.Builder card = Card.builder(only == null ? inv.t("group.list.title", "count", total)
                : inv.t("group.list.title_for", "account", only.displayName(), "count", total));
        if (total == 0) {
            return card.text(inv.t("group.list.empty")).build();
        }
        long offset = offset(page, total, groupsPerPage);
        List<GroupRow> rows = queries.groups(accountId, (int) offset, groupsPerPage);
        card.text(inv.t("group.list.showing", "first", offset + 1, "last", offset + rows.size(), "total", total));
        Map<Long, Account> byId = accountsById();
        for (GroupRow row : rows) {
            String where = only == null ? inv.t("group.list.on_account", "account", accountName(byId, row.accountId())) : "";
            card.field(groupName(row), inv.t("group.list.row", "members", memberCount(inv, row),
                    "status", inv.t("group.status." + row.status()),
                    "last", row.lastActivity() == null ? inv.t("group.never") : times.format(row.lastActivity()),
                    "where", where, "id", row.chatId()));
        }
        String base = inv.invocationOf(inv.command()) + (only == null ? "" : " " + only.id());
        pageButtons(inv, card, base, page, offset + rows.size() < total);
        return card.build();
    }

    private Card info(Invocation inv) {
        Target target = target(inv);
        if (target.choices() != null) {
            return target.choices();
        }
        GroupRow group = target.group();
        Map<Long, Account> byId = accountsById();
        Account account = byId.get(group.accountId());
        DirectoryQueries.Moves week = queries.moves(group.id(), clock.millis() - RECENT.toMillis());
        List<GroupEvent> events = queries.recentEvents(group.id(), RECENT_EVENTS);
        Set<String> ids = new HashSet<>();
        if (group.ownerId() != null) {
            ids.add(group.ownerId());
        }
        events.forEach(e -> {
            if (e.actorId() != null) {
                ids.add(e.actorId());
            }
            if (e.memberId() != null) {
                ids.add(e.memberId());
            }
        });
        Map<String, String> names = queries.names(group.accountId(), group.id(), ids);
        Function<String, String> person = id -> personName(inv, account, names, id, null);
        Card.Builder card = Card.builder(inv.t("group.info.title", "name", groupName(group)))
                .shortField(inv.t("group.info.id"), group.chatId())
                .shortField(inv.t("group.info.status"), inv.t("group.status." + group.status()))
                .shortField(inv.t("group.info.owner"), group.ownerId() == null ? inv.t("group.unknown")
                        : person.apply(group.ownerId()))
                .shortField(inv.t("group.info.members"), memberCount(inv, group))
                .shortField(inv.t("group.info.week"), inv.t("group.info.week_value", "joined", week.joined(),
                        "left", week.left()))
                .shortField(inv.t("group.info.last_activity"), group.lastActivity() == null ? inv.t("group.never")
                        : times.format(group.lastActivity()))
                .shortField(inv.t("group.info.first_seen"), times.format(group.firstSeenAt()))
                .shortField(inv.t("group.info.synced"), group.syncedAt() == null ? inv.t("group.never")
                        : times.format(group.syncedAt()))
                .field(inv.t("group.info.accounts"), target.all().stream()
                        .map(row -> accountName(byId, row.accountId())).collect(Collectors.joining(", ")));
        card.field(inv.t("group.info.events"), events.isEmpty() ? inv.t("group.info.no_events")
                : events.stream().map(e -> times.format(e.occurredAt()) + " · " + eventText(inv, account, names, e))
                .collect(Collectors.joining("\n")));
        card.button(Button.primary(inv.t("group.info.show_members"), inv.invocationOf(sibling(inv, "group.members"))
                + " " + group.chatId() + " account:" + group.accountId()));
        return card.build();
    }

    private Card members(Invocation inv) {
        Target target = target(inv);
        if (target.choices() != null) {
            return target.choices();
        }
        GroupRow group = target.group();
        Account account = accountsById().get(group.accountId());
        long page = inv.get("page", Long.class).orElse(1L);
        Card.Builder card = Card.builder(inv.t("group.members.title", "name", groupName(group), "count", group.members()));
        if (group.members() == 0) {
            return card.text(inv.t(group.syncedAt() == null ? "group.members.never_read" : "group.members.none",
                    "id", group.accountId())).build();
        }
        long offset = offset(page, group.members(), membersPerPage);
        List<Membership> rows = queries.members(group.id(), (int) offset, membersPerPage);
        Set<String> ids = new HashSet<>();
        rows.forEach(m -> {
            ids.add(m.memberId());
            if (m.inviterId() != null) {
                ids.add(m.inviterId());
            }
        });
        Map<String, String> names = queries.names(group.accountId(), group.id(), ids);
        card.text(inv.t("group.members.showing", "first", offset + 1, "last", offset + rows.size(),
                "total", group.members()));
        for (Membership m : rows) {
            String label = personName(inv, account, names, m.memberId(), m.displayName());
            if (m.memberId().equals(group.ownerId())) {
                label = inv.t("group.members.owner", "name", label);
            }
            String joined = m.joinedAt() == null ? inv.t("group.members.before", "date", times.format(group.firstSeenAt()))
                    : times.format(m.joinedAt());
            String inviter = m.inviterId() == null ? inv.t("group.unknown") : personName(inv, account, names, m.inviterId(), null);
            card.field(label, inv.t("group.members.row", "joined", joined, "inviter", inviter, "id", m.memberId()));
        }
        String base = inv.invocationOf(inv.command()) + " " + group.chatId() + " account:" + group.accountId();
        pageButtons(inv, card, base, page, offset + rows.size() < group.members());
        return card.build();
    }

    /** The group the {@code ref} argument names, or a card listing the groups it could mean. */
    private Target target(Invocation inv) {
        String ref = inv.require("ref", String.class).strip();
        Long accountId = inv.get("account", String.class).map(r -> AccountRefs.one(accounts, r).id()).orElse(null);
        List<GroupRow> found = queries.find(ref, accountId);
        if (found.isEmpty()) {
            throw new CommandException("group.error.not_found", "ref", ref);
        }
        Map<String, GroupRow> byChat = new LinkedHashMap<>();
        found.forEach(row -> byChat.putIfAbsent(row.chatId(), row));
        if (byChat.size() == 1) {
            return new Target(found.get(0), found, null);
        }
        Map<Long, Account> byId = accountsById();
        Card.Builder card = Card.builder(inv.t("group.ambiguous.title", "ref", ref)).tone(Card.Tone.WARNING)
                .text(inv.t("group.ambiguous.text", "count", byChat.size()));
        for (GroupRow row : found.stream().limit(CANDIDATES).toList()) {
            String account = accountName(byId, row.accountId());
            card.field(groupName(row), inv.t("group.ambiguous.row", "id", row.chatId(), "account", account,
                    "members", memberCount(inv, row)));
            card.button(Button.of(inv.t("group.ambiguous.pick", "name", groupName(row), "account", account),
                    inv.invocationOf(inv.command()) + " " + row.chatId() + " account:" + row.accountId()));
        }
        return new Target(null, found, card.build());
    }

    private String eventText(Invocation inv, Account account, Map<String, String> names, GroupEvent e) {
        String actor = personName(inv, account, names, e.actorId(), e.actorName());
        String member = personName(inv, account, names, e.memberId(), e.memberName());
        String key = e.kind() == EventKind.JOIN ? "group.event.join_" + (e.detail() == null ? "list" : e.detail())
                : "group.event." + e.kind().code();
        return inv.t(key, "actor", actor, "member", member, "name", e.detail() == null ? "" : e.detail());
    }

    /** The account itself, else the known name, else the name the notice gave, else the id, else "someone". */
    private static String personName(Invocation inv, Account account, Map<String, String> names, String id, String given) {
        if (id != null && account != null && id.equals(account.selfId())) {
            return inv.t("group.event.self", "account", account.displayName());
        }
        if (id != null && names.containsKey(id)) {
            return names.get(id);
        }
        if (given != null && !given.isBlank()) {
            return given;
        }
        return id != null ? id : inv.t("group.event.someone");
    }

    private static String memberCount(Invocation inv, GroupRow row) {
        return row.syncedAt() == null && row.members() == 0 ? inv.t("group.unknown") : String.valueOf(row.members());
    }

    private static String groupName(GroupRow row) {
        return row.name() == null || row.name().isBlank() ? row.chatId() : row.name();
    }

    private static long offset(long page, int total, int perPage) {
        long pages = Math.max(1, (total + perPage - 1) / perPage);
        if (page > pages) {
            throw new CommandException("group.error.no_page", "page", page, "pages", pages);
        }
        return (page - 1) * perPage;
    }

    private static void pageButtons(Invocation inv, Card.Builder card, String base, long page, boolean more) {
        if (page > 1) {
            card.button(Button.of(inv.t("group.previous"), base + " page:" + (page - 1)));
        }
        if (more) {
            card.button(Button.of(inv.t("group.next"), base + " page:" + (page + 1)));
        }
    }

    private static CommandSpec sibling(Invocation inv, String id) {
        return inv.command().parent().orElseThrow().subcommands().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private Map<Long, Account> accountsById() {
        return accounts.list().stream().collect(Collectors.toMap(Account::id, a -> a));
    }

    private static String accountName(Map<Long, Account> byId, long accountId) {
        Account account = byId.get(accountId);
        return account == null ? "#" + accountId : "#" + accountId + " " + account.displayName();
    }

    /**
     * @param group   the group meant, or {@code null} when it is ambiguous
     * @param all     every row found: the same group as other accounts see it, or the candidates
     * @param choices the card listing the candidates, or {@code null}
     */
    private record Target(GroupRow group, List<GroupRow> all, Card choices) {
    }
}
