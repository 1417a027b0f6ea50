package dev.parley.rbac;

import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/**
 * {@code /role grant|revoke|list}. Admins grant and revoke operator and viewer; only owners touch admin
 * and owner. Nobody changes their own role, owners set in configuration are changed only there, and the
 * last owner cannot be removed, so a fleet can never be left without someone in charge.
 */
public final class RoleCommands {
    private final RoleStore roles;
    private final Times times;

    /**
     * @param roles the role bindings
     * @param times how times are shown
     */
    public RoleCommands(RoleStore roles, Times times) {
        this.roles = roles;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("role.grant", this::grant)
                .handler("role.revoke", this::revoke)
                .handler("role.list", this::list);
    }

    private Card grant(Invocation inv) {
        Identity target = inv.require("identity", Identity.class);
        Role role = Role.fromCode(inv.require("role", String.class)).orElseThrow();
        checkMayChange(inv, target, role);
        roles.grant(target, role, inv.identity());
        return Card.builder(inv.t("role.grant.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("role.grant.done", "identity", target.toString(), "role", name(inv, role))).build();
    }

    private Card revoke(Invocation inv) {
        Identity target = inv.require("identity", Identity.class);
        Grant current = roles.grantOf(target)
                .orElseThrow(() -> new CommandException("role.revoke.none", "identity", target.toString()));
        checkMayChange(inv, target, current.role());
        if (current.role() == Role.OWNER && roles.ownerCount() <= 1) {
            throw new CommandException("role.error.last_owner");
        }
        if (!inv.confirmed()) {
            return inv.confirmFirst(inv.t("role.revoke.confirm_title"),
                    inv.t("role.revoke.confirm", "identity", target.toString(), "role", name(inv, current.role())));
        }
        roles.revoke(target);
        return Card.builder(inv.t("role.revoke.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("role.revoke.done", "identity", target.toString(), "role", name(inv, current.role()))).build();
    }

    private Card list(Invocation inv) {
        List<Grant> grants = roles.list();
        Card.Builder card = Card.builder(inv.t("role.list.title", "count", grants.size()));
        for (Grant g : grants) {
            String by = g.fromConfig() ? inv.t("role.list.from_config") : g.grantedBy();
            card.field(g.identity().toString(), inv.t("role.list.row", "role", name(inv, g.role()), "by", by,
                    "at", times.format(g.grantedAt())));
        }
        return card.build();
    }

    /** Refuses changes the caller's role does not cover, self-changes and changes to configured owners. */
    private void checkMayChange(Invocation inv, Identity target, Role involved) {
        Role mine = inv.role().orElseThrow();
        if (target.equals(inv.identity())) {
            throw new CommandException("role.error.self");
        }
        if ((involved == Role.OWNER || involved == Role.ADMIN) && mine != Role.OWNER) {
            throw new CommandException("role.error.needs_owner", "role", name(inv, involved));
        }
        roles.grantOf(target).ifPresent(existing -> {
            if (existing.fromConfig()) {
                throw new CommandException("role.error.from_config", "identity", target.toString());
            }
            if (mine != Role.OWNER && !mine.includes(existing.role())) {
                throw new CommandException("role.error.needs_owner", "role", name(inv, existing.role()));
            }
            if (mine != Role.OWNER && existing.role() == mine) {
                throw new CommandException("role.error.peer", "identity", target.toString());
            }
        });
    }

    private static String name(Invocation inv, Role role) {
        return inv.t("role.name." + role.code());
    }
}
