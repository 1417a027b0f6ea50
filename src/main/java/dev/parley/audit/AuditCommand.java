package dev.parley.audit;

import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.Invocation;
import dev.parley.rbac.Identity;

/** {@code /audit [user:] [limit:]}: who ran what, newest first. */
public final class AuditCommand {
    private static final long DEFAULT_LIMIT = 20;

    private final AuditLog audit;
    private final Times times;

    /**
     * @param audit the log
     * @param times how times are shown
     */
    public AuditCommand(AuditLog audit, Times times) {
        this.audit = audit;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("audit", this::show);
    }

    private Card show(Invocation inv) {
        String actor = inv.get("user", Identity.class).map(Identity::toString).orElse(null);
        int limit = inv.get("limit", Long.class).orElse(DEFAULT_LIMIT).intValue();
        List<AuditEntry> entries = audit.recent(actor, limit);
        Card.Builder card = Card.builder(actor == null ? inv.t("audit.title") : inv.t("audit.title_for", "identity", actor));
        if (entries.isEmpty()) {
            return card.text(inv.t("audit.empty")).build();
        }
        for (AuditEntry e : entries) {
            String label = inv.t("audit.row_label", "at", times.format(e.at()), "actor", e.actor(),
                    "result", inv.t("audit.result." + e.result()));
            String value = e.detail() == null ? e.input() : inv.t("audit.row_value", "input", e.input(), "detail", e.detail());
            card.field(label, value);
        }
        return card.build();
    }
}
