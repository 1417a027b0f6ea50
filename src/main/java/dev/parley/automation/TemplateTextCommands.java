package dev.parley.automation;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.outbound.TemplateCommands;

/**
 * {@code /template add|show|remove|list}: texts saved under a name, which keyword rules and broadcast steps send.
 * A text is checked when it is saved (braces, variables), shown with one example of what a recipient gets, and how
 * many different texts its spintax makes. {@code /template list <account>} is the platform's approved templates
 * instead ({@link TemplateCommands#platformList}).
 */
public final class TemplateTextCommands {
    private static final int MAX_LISTED = 30;
    private static final int PREVIEW_CHARS = 80;

    private final SavedTemplates saved;
    private final TemplateCommands platform;
    private final InstantSource clock;
    private final ZoneId zone;

    /**
     * @param saved    the saved texts
     * @param platform lists a business number's approved templates
     * @param clock    the present, for {@code {date}} in examples
     * @param zone     the team's time zone
     */
    public TemplateTextCommands(SavedTemplates saved, TemplateCommands platform, InstantSource clock, ZoneId zone) {
        this.saved = saved;
        this.platform = platform;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("template.list", this::list).handler("template.show", this::show)
                .handler("template.add", this::add).handler("template.remove", this::remove);
    }

    /**
     * The values of the variables in an example: what a template looks like for a made-up recipient.
     *
     * @param inv   the invocation, for the sample names in its language
     * @param today the date to show
     * @return name, group, date and account values
     */
    static Map<String, String> sample(Invocation inv, LocalDate today) {
        return Map.of("name", inv.t("automation.template.sample.name"), "group", inv.t("automation.template.sample.group"),
                "date", today.toString(), "account", inv.t("automation.template.sample.account"));
    }

    private Card list(Invocation inv) {
        var account = inv.get("account", String.class);
        if (account.isPresent()) {
            return platform.platformList(inv, account.get());
        }
        List<SavedTemplates.Saved> all = saved.list();
        Card.Builder card = Card.builder(inv.t("automation.template.list.title", "count", all.size()));
        if (all.isEmpty()) {
            return card.text(inv.t("automation.template.list.empty")).build();
        }
        all.stream().limit(MAX_LISTED).forEach(t -> card.field(inv.t("automation.template.list.row", "name", t.name(),
                "variants", t.text().variants()), clip(t.text().source())));
        if (all.size() > MAX_LISTED) {
            card.footer(inv.t("automation.template.list.more", "count", all.size() - MAX_LISTED));
        } else {
            card.footer(inv.t("automation.template.list.footer"));
        }
        return card.build();
    }

    private Card show(Invocation inv) {
        String name = inv.require("name", String.class);
        SavedTemplates.Saved t = saved.find(name).orElseThrow(() -> unknown(name));
        return card(inv, t.name(), t.text(), inv.t("automation.template.show.title", "name", t.name()))
                .button(Button.of(inv.t("automation.template.button.remove"), "/template remove " + t.name()))
                .build();
    }

    private Card add(Invocation inv) {
        String name = SavedTemplates.normalName(inv.require("name", String.class)).orElseThrow(() ->
                new CommandException("automation.template.error.name", "name", inv.require("name", String.class)));
        TemplateText text;
        try {
            text = TemplateText.parse(inv.require("text", String.class));
        } catch (InvalidTemplateException e) {
            throw invalid(e);
        }
        boolean replaced = saved.put(name, text, inv.identity());
        return card(inv, name, text, inv.t(replaced ? "automation.template.add.replaced" : "automation.template.add.saved",
                "name", name)).tone(Card.Tone.SUCCESS).build();
    }

    private Card remove(Invocation inv) {
        String name = inv.require("name", String.class);
        SavedTemplates.Saved t = saved.find(name).orElseThrow(() -> unknown(name));
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("automation.template.remove.confirm_title", "name", t.name()),
                    clip(t.text().source()));
        }
        saved.remove(t.name());
        return Card.builder(inv.t("automation.template.remove.done", "name", t.name())).tone(Card.Tone.SUCCESS).build();
    }

    private Card.Builder card(Invocation inv, String name, TemplateText text, String title) {
        String example = text.render(sample(inv, LocalDate.now(clock.withZone(zone))), new Random(name.hashCode()));
        return Card.builder(title)
                .field(inv.t("automation.template.field.text"), text.source())
                .field(inv.t("automation.template.field.example"), example)
                .field(inv.t("automation.template.field.variants"), String.valueOf(text.variants()))
                .footer(inv.t("automation.template.footer", "name", name));
    }

    /**
     * @param e what is wrong with a text
     * @return the localized refusal
     */
    public static CommandException invalid(InvalidTemplateException e) {
        return new CommandException("automation.template_error." + e.problem(), "position", e.position() + 1,
                "max", TemplateText.MAX_LENGTH, "variables", String.join(", ", TemplateText.VARIABLES.stream()
                        .sorted().map(v -> "{" + v + "}").toList()));
    }

    private static CommandException unknown(String name) {
        return new CommandException("automation.template.error.unknown", "name", name);
    }

    private static String clip(String text) {
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "…";
    }
}
