package dev.parley.alert;

import java.util.List;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.Invocation;

/** {@code /alerts}: what is wrong right now, since when, with the buttons that help (Re-login, Resend…). */
public final class AlertsCommand {
    /** Chat platforms show a handful of buttons per message at most. */
    private static final int MAX_BUTTONS = 10;

    private final Alerts alerts;
    private final Times times;

    /**
     * @param alerts the alerts
     * @param times  how times are shown
     */
    public AlertsCommand(Alerts alerts, Times times) {
        this.alerts = alerts;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("alerts", this::list);
    }

    private Card list(Invocation inv) {
        List<Alerts.ActiveAlert> active = alerts.active();
        Card.Builder card = Card.builder(inv.t("alert.list.title", "count", active.size()))
                .tone(active.isEmpty() ? Card.Tone.SUCCESS : Card.Tone.WARNING);
        if (active.isEmpty()) {
            return card.text(inv.t("alert.list.none")).build();
        }
        for (Alerts.ActiveAlert a : active) {
            Alert alert = a.alert();
            card.field(inv.messages().text(inv.locale(), alert.titleKey(), alert.args()) + " · "
                            + inv.t("alert.list.since", "at", times.format(a.raisedAt())),
                    inv.messages().text(inv.locale(), alert.textKey(), alert.args()));
            for (Alert.Action action : alert.actions()) {
                if (card.buttonCount() < MAX_BUTTONS) {
                    card.button(Button.of(inv.t(action.labelKey()) + " · " + action.command(), action.command()));
                }
            }
        }
        return card.build();
    }
}
