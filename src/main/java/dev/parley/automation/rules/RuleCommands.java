package dev.parley.automation.rules;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.automation.InvalidTemplateException;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.Tags;
import dev.parley.automation.TemplateText;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.message.ChatType;
import dev.parley.outbound.ReplyMention;

/**
 * {@code /rule add|list|info|off|on|remove|test} and {@code /tag auto}: rules are checked completely when added
 * (account, keywords or regular expression, chats, hours, days, reply text or saved template), so a rule that is
 * stored can always run; bad input changes nothing. {@code /rule test} shows what a text would set off and sends
 * nothing.
 */
public final class RuleCommands {
    private static final int FIRINGS_SHOWN = 10;
    private static final int SHOWN_CHARS = 80;

    private final RuleStore store;
    private final RuleBook book;
    private final RuleReplies replies;
    private final AccountStore accounts;
    private final SavedTemplates saved;
    private final Duration defaultCooldown;
    private final Times times;
    private final InstantSource clock;

    RuleCommands(RuleStore store, RuleBook book, RuleReplies replies, AccountStore accounts, SavedTemplates saved,
                 Duration defaultCooldown, Times times, InstantSource clock) {
        this.store = store;
        this.book = book;
        this.replies = replies;
        this.accounts = accounts;
        this.saved = saved;
        this.defaultCooldown = defaultCooldown;
        this.times = times;
        this.clock = clock;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("rule.add", this::add)
                .handler("rule.list", this::list)
                .handler("rule.info", this::info)
                .handler("rule.off", inv -> enable(inv, false))
                .handler("rule.on", inv -> enable(inv, true))
                .handler("rule.remove", this::remove)
                .handler("rule.test", this::test)
                .handler("tag.auto", this::tagAuto);
    }

    private Card add(Invocation inv) {
        Long accountId = AccountRefs.oneOrAll(accounts, inv.require("account", String.class));
        boolean join = inv.get("on", String.class).isPresent();
        Optional<String> keyword = inv.get("keyword", String.class).map(String::strip).filter(k -> !k.isEmpty());
        String reply = (inv.get("reply", String.class).orElse("") + " " + inv.get("text", String.class).orElse(""))
                .strip();
        if (reply.isEmpty()) {
            throw new CommandException("rule.error.no_reply");
        }
        TextMatch.MatchKind kind = inv.get("match", String.class).map(TextMatch.MatchKind::of)
                .orElse(TextMatch.MatchKind.CONTAINS);
        TextMatch match = null;
        if (join) {
            if (keyword.isPresent()) {
                throw new CommandException("rule.error.join_keyword");
            }
        } else {
            match = TextMatch.parse(kind, keyword.orElseThrow(() -> new CommandException("rule.error.no_keyword")),
                    store.regexTimeout());
        }
        ChatScope chats = inv.get("chats", String.class).map(ChatScope::parse)
                .orElse(join ? new ChatScope("groups", List.of()) : ChatScope.ALL);
        if (join && chats.code().equals("private")) {
            throw new CommandException("rule.error.join_private");
        }
        Schedule schedule = Schedule.parse(inv.get("hours", String.class).orElse(null),
                inv.get("days", String.class).orElse(null));
        Rule.Action action = reply.equalsIgnoreCase(Rule.AI_REPLY) ? Rule.Action.AI : Rule.Action.REPLY;
        if (action == Rule.Action.AI && join) {
            throw new CommandException("rule.error.join_ai");
        }
        if (action == Rule.Action.REPLY) {
            reply = checkedReply(reply);
        } else {
            reply = Rule.AI_REPLY;
        }
        Rule rule = new Rule(0, accountId, join ? Rule.Trigger.JOIN : Rule.Trigger.KEYWORD, kind,
                keyword.orElse(""), match, chats, schedule, inv.get("cooldown", Duration.class).orElse(defaultCooldown),
                inv.get("priority", Long.class).map(Long::intValue).orElse(0), action, reply, null, true,
                inv.identity().toString(), clock.millis());
        long id = store.add(rule);
        return details(inv, store.find(id).orElseThrow(), inv.t("rule.add.title", "id", id))
                .tone(Card.Tone.SUCCESS).build();
    }

    private Card tagAuto(Invocation inv) {
        String typed = inv.require("tag", String.class);
        String tag = Tags.normal(typed).orElseThrow(() -> new CommandException("rule.error.bad_tag", "tag", typed));
        Long accountId = AccountRefs.oneOrAll(accounts, inv.get("account", String.class).orElse("all"));
        String keyword = inv.get("keyword", String.class).map(String::strip).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new CommandException("rule.error.no_keyword"));
        TextMatch.MatchKind kind = inv.get("match", String.class).map(TextMatch.MatchKind::of)
                .orElse(TextMatch.MatchKind.CONTAINS);
        TextMatch match = TextMatch.parse(kind, keyword, store.regexTimeout());
        ChatScope chats = inv.get("chats", String.class).map(ChatScope::parse).orElse(ChatScope.ALL);
        long id = store.add(new Rule(0, accountId, Rule.Trigger.KEYWORD, kind, keyword, match, chats,
                new Schedule(null, null, Schedule.EVERY_DAY), Duration.ZERO, 0, Rule.Action.TAG, null, tag, true,
                inv.identity().toString(), clock.millis()));
        return details(inv, store.find(id).orElseThrow(), inv.t("rule.tag.title", "id", id, "tag", tag))
                .tone(Card.Tone.SUCCESS).build();
    }

    private Card list(Invocation inv) {
        List<Rule> rules = store.list();
        if (rules.isEmpty()) {
            return Card.builder(inv.t("rule.list.title", "count", 0)).text(inv.t("rule.list.empty")).build();
        }
        Card.Builder card = Card.builder(inv.t("rule.list.title", "count", rules.size()));
        for (Rule rule : rules) {
            card.field(inv.t("rule.list.row_label", "id", rule.id(), "account", accountText(inv, rule),
                            "state", inv.t(rule.enabled() ? "rule.state.on" : "rule.state.off")),
                    trigger(inv, rule) + " → " + action(inv, rule));
        }
        return card.footer(inv.t("rule.list.footer")).build();
    }

    private Card info(Invocation inv) {
        Rule rule = rule(inv);
        Card.Builder card = details(inv, rule, inv.t("rule.info.title", "id", rule.id()));
        card.shortField(inv.t("rule.field.fired"), String.valueOf(store.count(rule.id())));
        for (RuleStore.Shown f : store.latest(rule.id(), FIRINGS_SHOWN)) {
            String label = inv.t("rule.info.firing_label", "at", times.format(f.at()), "account", f.accountId(),
                    "chat", f.chatId());
            String message = f.messageId() == null ? inv.t("rule.info.join")
                    : inv.t("rule.info.message", "id", f.messageId(), "text", shorten(f.message()));
            String result = f.outboundId() != null
                    ? inv.t("rule.info.outbound", "id", f.outboundId(), "state",
                    f.state() == null ? "—" : inv.t("outbound.state." + f.state()))
                    : inv.t("rule.info.action_" + f.action());
            card.field(label, message + " → " + result);
        }
        card.button(Button.of(inv.t(rule.enabled() ? "rule.button.off" : "rule.button.on"),
                "/rule " + (rule.enabled() ? "off " : "on ") + rule.id()));
        card.button(Button.of(inv.t("rule.button.remove"), "/rule remove " + rule.id()));
        return card.build();
    }

    private Card enable(Invocation inv, boolean on) {
        Rule rule = rule(inv);
        store.setEnabled(rule.id(), on);
        return Card.builder(inv.t(on ? "rule.on.title" : "rule.off.title", "id", rule.id())).tone(Card.Tone.SUCCESS)
                .text(inv.t(on ? "rule.on.done" : "rule.off.done", "id", rule.id(), "trigger", trigger(inv, rule)))
                .build();
    }

    private Card remove(Invocation inv) {
        Rule rule = rule(inv);
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("rule.remove.confirm_title", "id", rule.id()),
                    inv.t("rule.remove.confirm", "id", rule.id(), "trigger", trigger(inv, rule), "action",
                            action(inv, rule)));
        }
        store.remove(rule.id());
        return Card.builder(inv.t("rule.remove.title", "id", rule.id())).tone(Card.Tone.SUCCESS)
                .text(inv.t("rule.remove.done", "id", rule.id())).build();
    }

    private Card test(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        String text = inv.require("text", String.class);
        long now = clock.millis();
        RuleBook.Outcome outcome = book.decide(account.id(), null, null, text, now);
        Card.Builder card = Card.builder(inv.t("rule.test.title", "account", account.displayName()));
        Rule answer = outcome.answer();
        if (answer == null) {
            card.text(inv.t("rule.test.none"));
        } else if (answer.action() == Rule.Action.AI) {
            card.text(inv.t("rule.test.ai", "id", answer.id()));
        } else {
            Optional<ReplyMention.Mentioned> reply = replies.render(answer, account, ChatType.PRIVATE, "",
                    "", inv.t("rule.test.sample_name"), now);
            card.text(reply.map(r -> inv.t("rule.test.reply", "id", answer.id(), "reply", r.text()))
                    .orElseGet(() -> inv.t("rule.test.template_gone", "id", answer.id(), "name",
                            answer.templateName())));
        }
        for (Rule tag : outcome.tags()) {
            card.field(inv.t("rule.test.tags"), inv.t("rule.test.tag", "id", tag.id(), "tag", tag.tag()));
        }
        for (Rule off : outcome.outOfHours()) {
            card.field(inv.t("rule.test.out_of_hours"), "#" + off.id() + " " + when(inv, off));
        }
        for (Rule lower : outcome.outranked()) {
            card.field(inv.t("rule.test.outranked"), "#" + lower.id() + " " + trigger(inv, lower));
        }
        return card.footer(inv.t("rule.test.footer")).build();
    }

    private String checkedReply(String reply) {
        if (reply.regionMatches(true, 0, Rule.TEMPLATE_PREFIX, 0, Rule.TEMPLATE_PREFIX.length())) {
            String name = reply.substring(Rule.TEMPLATE_PREFIX.length()).strip();
            String normal = SavedTemplates.normalName(name).filter(n -> saved.find(n).isPresent())
                    .orElseThrow(() -> new CommandException("rule.error.no_template", "name", name));
            return Rule.TEMPLATE_PREFIX + normal;
        }
        try {
            return TemplateText.parse(reply).source();
        } catch (InvalidTemplateException e) {
            throw new CommandException("rule.error.template_" + e.problem(), "position", e.position() + 1,
                    "max", TemplateText.MAX_LENGTH);
        }
    }

    private Rule rule(Invocation inv) {
        String typed = inv.require("rule", String.class).strip();
        String digits = typed.replaceFirst("^[#＃]", "");
        if (!digits.matches("\\d{1,18}")) {
            throw new CommandException("rule.error.bad_id", "rule", typed);
        }
        long id = Long.parseLong(digits);
        return store.find(id).orElseThrow(() -> new CommandException("rule.error.no_rule", "id", id));
    }

    private Card.Builder details(Invocation inv, Rule rule, String title) {
        Card.Builder card = Card.builder(title)
                .shortField(inv.t("rule.field.account"), accountText(inv, rule))
                .shortField(inv.t("rule.field.state"), inv.t(rule.enabled() ? "rule.state.on" : "rule.state.off"))
                .field(inv.t("rule.field.trigger"), trigger(inv, rule))
                .field(inv.t("rule.field.action"), action(inv, rule))
                .shortField(inv.t("rule.field.chats"), chatsText(inv, rule.chats()))
                .shortField(inv.t("rule.field.when"), when(inv, rule));
        if (rule.action() != Rule.Action.TAG) {
            card.shortField(inv.t("rule.field.cooldown"), duration(rule.cooldown()))
                    .shortField(inv.t("rule.field.priority"), String.valueOf(rule.priority()));
        }
        return card.shortField(inv.t("rule.field.created"), inv.t("rule.created", "by", rule.createdBy(),
                "at", times.format(rule.createdAt())));
    }

    private String accountText(Invocation inv, Rule rule) {
        if (rule.accountId() == null) {
            return inv.t("rule.all_accounts");
        }
        return accounts.find(rule.accountId()).map(a -> "#" + a.id() + " " + a.displayName())
                .orElse("#" + rule.accountId());
    }

    private static String trigger(Invocation inv, Rule rule) {
        if (rule.trigger() == Rule.Trigger.JOIN) {
            return inv.t("rule.trigger.join");
        }
        return inv.t("rule.trigger." + rule.kind().code(), "keywords", rule.keywords());
    }

    private static String action(Invocation inv, Rule rule) {
        return switch (rule.action()) {
            case AI -> inv.t("rule.action.ai");
            case TAG -> inv.t("rule.action.tag", "tag", rule.tag());
            case REPLY -> rule.usesSavedTemplate() ? inv.t("rule.action.template", "name", rule.templateName())
                    : inv.t("rule.action.reply", "text", shorten(rule.reply()));
        };
    }

    private static String chatsText(Invocation inv, ChatScope chats) {
        return switch (chats.code()) {
            case "all", "private", "groups" -> inv.t("rule.chats." + chats.code());
            default -> String.join(", ", chats.chats());
        };
    }

    private static String when(Invocation inv, Rule rule) {
        String hours = rule.schedule().hoursText();
        String days = rule.schedule().daysText();
        if (hours == null && days == null) {
            return inv.t("rule.when.always");
        }
        return inv.t("rule.when.window", "hours", hours == null ? inv.t("rule.when.all_day") : hours,
                "days", days == null ? inv.t("rule.when.every_day") : days);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static String shorten(String text) {
        if (text == null) {
            return "—";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
    }
}
