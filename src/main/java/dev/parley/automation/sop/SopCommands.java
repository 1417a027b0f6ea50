package dev.parley.automation.sop;

import java.text.Normalizer;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.automation.InvalidTemplateException;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.TemplateText;
import dev.parley.automation.TemplateTextCommands;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.message.ChatType;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.Recipient;
import dev.parley.outbound.ReplyMention;

/**
 * {@code /sop create|step|preview|start|pause|resume|cancel|status|list}: a broadcast is written as a draft (its
 * recipients and steps checked as they are given), previewed, and started after a confirmation that states how many
 * messages will go and how long that takes at the accounts' pace. Its recipients are frozen when it starts.
 */
public final class SopCommands {
    private static final int MAX_STEPS = 20;
    private static final int PREVIEW_NAMES = 20;

    private final SopStore store;
    private final SopRunner runner;
    private final Audience audience;
    private final StepTexts texts;
    private final SopCards cards;
    private final SavedTemplates saved;
    private final AccountStore accounts;
    private final OutboundQueue outbound;
    private final SopSettings settings;
    private final Times times;
    private final InstantSource clock;

    SopCommands(SopStore store, SopRunner runner, Audience audience, StepTexts texts, SopCards cards,
                SavedTemplates saved, AccountStore accounts, OutboundQueue outbound, SopSettings settings, Times times,
                InstantSource clock) {
        this.store = store;
        this.runner = runner;
        this.audience = audience;
        this.texts = texts;
        this.cards = cards;
        this.saved = saved;
        this.accounts = accounts;
        this.outbound = outbound;
        this.settings = settings;
        this.times = times;
        this.clock = clock;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("sop.list", this::list)
                .handler("sop.create", this::create)
                .handler("sop.step", this::step)
                .handler("sop.preview", this::preview)
                .handler("sop.start", this::start)
                .handler("sop.pause", this::pause)
                .handler("sop.resume", this::resume)
                .handler("sop.cancel", this::cancel)
                .handler("sop.status", this::status);
    }

    private Card list(Invocation inv) {
        List<SopTask> tasks = store.list();
        Card.Builder card = Card.builder(inv.t("sop.list.title", "count", tasks.size()));
        if (tasks.isEmpty()) {
            return card.text(inv.t("sop.list.empty")).build();
        }
        for (SopTask task : tasks) {
            Tally tally = store.tally(task.id());
            card.field(inv.t("sop.list.row_label", "name", task.name(), "state", inv.t("sop.task." + task.state().code())),
                    inv.t("sop.list.row", "target", task.target(), "account", accountText(inv, task.accountId()),
                            "when", when(inv, task), "sent", tally.sent(), "total", tally.total()));
        }
        return card.footer(inv.t("sop.list.footer")).build();
    }

    private Card create(Invocation inv) {
        String name = name(inv);
        Long accountId = AccountRefs.oneOrAll(accounts, inv.get("account", String.class)
                .orElseThrow(() -> new CommandException("sop.error.no_account")));
        Target target = Target.parse(inv.get("to", String.class)
                .orElseThrow(() -> new CommandException("sop.error.no_target")));
        Optional<Recurrence> every = inv.get("every", String.class).map(Recurrence::parse);
        Optional<Duration> afterJoin = inv.get("after_join", Duration.class);
        Optional<String> at = inv.get("at", String.class);
        if (every.isPresent() ? at.isPresent() || afterJoin.isPresent() : at.isPresent() && afterJoin.isPresent()) {
            throw new CommandException("sop.error.one_schedule");
        }
        Long startsAt = at.map(this::at).orElse(null);
        List<Audience.Member> members = audience.resolve(accountId, target);
        if (afterJoin.isPresent() && members.stream().anyMatch(m -> m.type() != ChatType.GROUP)) {
            throw new CommandException("sop.error.after_join_groups");
        }
        long id = store.create(name, accountId, target, startsAt, every.orElse(null),
                        afterJoin.map(Duration::toMillis).orElse(null), inv.identity().toString(), clock.millis())
                .orElseThrow(() -> new CommandException("sop.error.exists", "name", name));
        SopTask task = store.find(id).orElseThrow();
        return Card.builder(inv.t("sop.create.title", "name", name)).tone(Card.Tone.SUCCESS)
                .text(inv.t(afterJoin.isPresent() ? "sop.create.done_groups" : "sop.create.done", "name", name,
                        "count", members.size()))
                .shortField(inv.t("sop.field.account"), accountText(inv, accountId))
                .shortField(inv.t("sop.field.target"), target.text())
                .shortField(inv.t("sop.field.start"), when(inv, task))
                .footer(inv.t("sop.create.footer", "name", name)).build();
    }

    /** @return when a task runs, as people read it */
    private String when(Invocation inv, SopTask task) {
        return switch (task.kind()) {
            case EVERY -> inv.t("sop.when.every", "every", task.every());
            case AFTER_JOIN -> task.afterJoinMs() == 0 ? inv.t("sop.when.on_join") : inv.t("sop.when.after_join",
                    "delay", cards.duration(inv.locale(), Duration.ofMillis(task.afterJoinMs())));
            case ONCE -> task.startsAt() == null ? inv.t("sop.start_when_confirmed") : times.format(task.startsAt());
        };
    }

    private Card step(Invocation inv) {
        SopTask task = task(inv);
        Duration delay = inv.require("delay", Duration.class);
        String text = inv.require("text", String.class).strip();
        Optional<String> template = StepTexts.templateName(text);
        if (template.isPresent()) {
            String normal = SavedTemplates.normalName(template.get()).filter(n -> saved.find(n).isPresent())
                    .orElseThrow(() -> new CommandException("automation.template.error.unknown", "name",
                            template.get()));
            text = StepTexts.TEMPLATE_PREFIX + normal;
        } else {
            try {
                text = TemplateText.parse(text).source();
            } catch (InvalidTemplateException e) {
                throw TemplateTextCommands.invalid(e);
            }
        }
        if (task.state() != SopState.DRAFT) {
            throw new CommandException("sop.error.not_draft", "name", task.name());
        }
        if (store.steps(task.id()).size() >= MAX_STEPS) {
            throw new CommandException("sop.error.too_many_steps", "max", MAX_STEPS);
        }
        int position = store.addStep(task.id(), delay.toMillis(), text)
                .orElseThrow(() -> new CommandException("sop.error.not_draft", "name", task.name()));
        return Card.builder(inv.t("sop.step.title", "name", task.name(), "position", position))
                .tone(Card.Tone.SUCCESS)
                .field(inv.t("sop.field.delay"), delayText(inv, task, delay.toMillis()))
                .field(inv.t("sop.field.text"), text)
                .footer(inv.t("sop.step.footer", "name", task.name())).build();
    }

    private Card preview(Invocation inv) {
        SopTask task = task(inv);
        List<SopStep> steps = store.steps(task.id());
        List<Audience.Member> members = task.state() == SopState.DRAFT || steps.isEmpty()
                ? audience.resolve(task.accountId(), Target.parse(task.target()))
                : store.sends(task.id()).stream().filter(r -> r.step() == steps.getFirst().position())
                .map(r -> new Audience.Member(r.accountId(), r.chatId(), r.type(), r.name())).toList();
        Card.Builder card = Card.builder(inv.t("sop.preview.title", "name", task.name()))
                .shortField(inv.t("sop.field.recipients"), String.valueOf(members.size()))
                .shortField(inv.t("sop.field.steps"), String.valueOf(steps.size()))
                .shortField(inv.t("sop.field.state"), inv.t("sop.task." + task.state().code()))
                .shortField(inv.t("sop.field.start"), when(inv, task));
        if (!members.isEmpty()) {
            String names = members.stream().limit(PREVIEW_NAMES).map(Audience.Member::displayName)
                    .collect(Collectors.joining(", "));
            card.field(inv.t("sop.preview.first", "count", Math.min(PREVIEW_NAMES, members.size())),
                    members.size() > PREVIEW_NAMES ? names + inv.t("sop.preview.more", "count",
                            members.size() - PREVIEW_NAMES) : names);
        }
        for (SopStep step : steps) {
            card.field(inv.t("sop.preview.step", "position", step.position(), "delay", delayText(inv, task, step.delayMs())),
                    step.text());
        }
        if (steps.isEmpty()) {
            card.text(inv.t("sop.preview.no_steps", "name", task.name()));
        } else if (members.isEmpty()) {
            card.text(inv.t("sop.preview.no_recipients"));
        } else {
            Audience.Member first = members.getFirst();
            Audience.Member to = task.kind() == SopTask.Kind.AFTER_JOIN ? new Audience.Member(first.accountId(),
                    first.chatId(), ChatType.GROUP, inv.t("sop.preview.sample_member"), "") : first;
            Optional<Account> account = accounts.find(to.accountId());
            Optional<String> rendered = account.flatMap(a -> texts.render(steps.getFirst(), a, to, clock.millis()))
                    .map(ReplyMention.Mentioned::text);
            card.field(inv.t("sop.preview.rendered", "name", to.displayName()),
                    rendered.orElseGet(() -> inv.t("sop.reason.template_gone")));
        }
        return card.footer(inv.t("sop.preview.footer", "name", task.name())).build();
    }

    private Card start(Invocation inv) {
        SopTask task = task(inv);
        if (task.state() != SopState.DRAFT) {
            throw new CommandException("sop.error.not_draft", "name", task.name());
        }
        List<SopStep> steps = store.steps(task.id());
        if (steps.isEmpty()) {
            throw new CommandException("sop.error.no_steps", "name", task.name());
        }
        long now = clock.millis();
        if (task.startsAt() != null && task.startsAt() <= now) {
            throw new CommandException("sop.error.at_past", "at", times.format(task.startsAt()));
        }
        List<Audience.Member> members = audience.resolve(task.accountId(), Target.parse(task.target()));
        if (members.isEmpty() && task.kind() != SopTask.Kind.EVERY) {
            throw new CommandException("sop.error.no_recipients");
        }
        if (members.size() > settings.maxRecipients()) {
            throw new CommandException("sop.error.too_many", "count", members.size(), "max", settings.maxRecipients());
        }
        if (task.kind() == SopTask.Kind.AFTER_JOIN && members.stream().anyMatch(m -> m.type() != ChatType.GROUP)) {
            throw new CommandException("sop.error.after_join_groups");
        }
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("sop.start.confirm_title", "name", task.name()), switch (task.kind()) {
                case ONCE -> plan(inv, task, members, steps);
                case EVERY -> inv.t("sop.start.confirm_every", "every", task.every(), "next",
                        times.format(Recurrence.parse(task.every()).next(now, times.zone())), "recipients",
                        members.size(), "steps", steps.size()) + "\n" + cards.footer(inv.locale());
                case AFTER_JOIN -> inv.t("sop.start.confirm_after_join", "groups", members.size(), "steps",
                        steps.size(), "delay", cards.duration(inv.locale(), Duration.ofMillis(task.afterJoinMs())))
                        + "\n" + cards.footer(inv.locale());
            });
        }
        boolean started = switch (task.kind()) {
            case ONCE -> store.startOnce(task.id(), members, steps, task.startsAt() == null ? now : task.startsAt(),
                    inv.identity().toString(), now);
            case EVERY -> store.startRepeating(task.id(), List.of(), now, inv.identity().toString(), now);
            case AFTER_JOIN -> store.startRepeating(task.id(), members, store.latestGroupEvent(),
                    inv.identity().toString(), now);
        };
        if (!started) {
            throw new CommandException("sop.error.not_draft", "name", task.name());
        }
        return following(inv, store.find(task.id()).orElseThrow());
    }

    /** What starting will do: messages, accounts, time at their pace, and how quiet hours and the cap stretch it. */
    private String plan(Invocation inv, SopTask task, List<Audience.Member> members, List<SopStep> steps) {
        Map<Long, List<Recipient>> byAccount = new LinkedHashMap<>();
        members.forEach(m -> byAccount.computeIfAbsent(m.accountId(), a -> new ArrayList<>())
                .add(new Recipient(m.chatId(), m.name(), m.type())));
        long now = clock.millis();
        long last = now;
        int largest = 0;
        for (Map.Entry<Long, List<Recipient>> e : byAccount.entrySet()) {
            last = Math.max(last, outbound.estimate(e.getKey(), e.getValue()));
            largest = Math.max(largest, e.getValue().size());
        }
        List<String> lines = new ArrayList<>();
        lines.add(inv.t("sop.start.confirm", "messages", members.size() * steps.size(), "recipients", members.size(),
                "steps", steps.size(), "accounts", byAccount.size()));
        lines.add(inv.t("sop.start.estimate", "duration", cards.duration(inv.locale(), Duration.ofMillis(last - now))));
        if (task.startsAt() != null) {
            lines.add(inv.t("sop.start.scheduled", "at", times.format(task.startsAt())));
        }
        int cap = settings.throttle().dailyCap();
        if (largest > cap) {
            lines.add(inv.t("sop.start.capped", "cap", cap, "days", (largest + cap - 1) / cap));
        }
        lines.add(cards.footer(inv.locale()));
        return String.join("\n", lines);
    }

    private Card pause(Invocation inv) {
        SopTask task = task(inv);
        if (!store.move(task.id(), SopState.RUNNING, SopState.PAUSED, clock.millis())) {
            throw new CommandException("sop.error.not_running", "name", task.name(), "state",
                    inv.t("sop.task." + task.state().code()));
        }
        runner.wake();
        Tally tally = store.tally(task.id());
        return Card.builder(inv.t("sop.pause.title", "name", task.name())).tone(Card.Tone.SUCCESS)
                .text(inv.t("sop.pause.done", "name", task.name(), "queued", tally.queued(), "pending",
                        tally.pending()))
                .build();
    }

    private Card resume(Invocation inv) {
        SopTask task = task(inv);
        if (!store.move(task.id(), SopState.PAUSED, SopState.RUNNING, clock.millis())) {
            throw new CommandException("sop.error.not_paused", "name", task.name(), "state",
                    inv.t("sop.task." + task.state().code()));
        }
        return following(inv, store.find(task.id()).orElseThrow());
    }

    private Card cancel(Invocation inv) {
        SopTask task = task(inv);
        if (task.ended()) {
            throw new CommandException("sop.error.ended", "name", task.name(), "state",
                    inv.t("sop.task." + task.state().code()));
        }
        Tally before = store.tally(task.id());
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("sop.cancel.confirm_title", "name", task.name()),
                    inv.t("sop.cancel.confirm", "name", task.name(), "sent", before.sent(), "left", before.left()));
        }
        List<Long> queued = store.cancel(task.id(), clock.millis()).orElseThrow(() -> new CommandException(
                "sop.error.ended", "name", task.name(), "state", inv.t("sop.task." + task.state().code())));
        int dropped = 0;
        for (long id : queued) {
            if (outbound.drop(id)) {
                dropped++;
            }
        }
        runner.wake();
        return Card.builder(inv.t("sop.cancel.title", "name", task.name())).tone(Card.Tone.SUCCESS)
                .text(inv.t("sop.cancel.done", "name", task.name(), "stopped", before.pending() + dropped,
                        "going", queued.size() - dropped))
                .build();
    }

    private Card status(Invocation inv) {
        SopTask task = task(inv);
        if (task.state() == SopState.DRAFT) {
            return preview(inv);
        }
        if (task.ended() && store.tally(task.id()).queued() == 0) {
            return cards.report(inv.locale(), task, store.tally(task.id()), store.problems(task.id(), 10),
                    store.sends(task.id()));
        }
        return following(inv, task);
    }

    /** The task's progress card, kept up to date by the runner. */
    private Card following(Invocation inv, SopTask task) {
        runner.follow(task.id(), inv.live());
        long now = clock.millis();
        return cards.progress(inv.locale(), task, store.tally(task.id()), runner.hold(task, now), now);
    }

    private String name(Invocation inv) {
        String typed = inv.require("name", String.class);
        return SavedTemplates.normalName(typed)
                .orElseThrow(() -> new CommandException("sop.error.name", "name", typed));
    }

    private SopTask task(Invocation inv) {
        String typed = inv.require("name", String.class);
        return SavedTemplates.normalName(typed).flatMap(store::find)
                .orElseThrow(() -> new CommandException("sop.error.unknown", "name", typed));
    }

    private long at(String typed) {
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().replace(' ', 'T');
        try {
            long at = LocalDateTime.parse(text).atZone(times.zone()).toInstant().toEpochMilli();
            if (at <= clock.millis()) {
                throw new CommandException("sop.error.at_past", "at", typed);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new CommandException("sop.error.bad_at", "at", typed);
        }
    }

    private String accountText(Invocation inv, Long accountId) {
        if (accountId == null) {
            return inv.t("sop.all_accounts");
        }
        return accounts.find(accountId).map(a -> "#" + a.id() + " " + a.displayName()).orElse("#" + accountId);
    }

    private String delayText(Invocation inv, SopTask task, long delayMs) {
        String from = task.kind() == SopTask.Kind.AFTER_JOIN ? "join" : "start";
        return delayMs == 0 ? inv.t("sop.delay.at_" + from) : inv.t("sop.delay.after_" + from, "duration",
                cards.duration(inv.locale(), Duration.ofMillis(delayMs)));
    }
}
