package dev.parley.connector.whatsapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.parley.connector.GroupSnapshot;
import dev.parley.contact.GroupChange;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Baileys's group events in the ledger's words. {@code group-participants.update} ({@code {id, author, authorPn?,
 * participants: [{id, phoneNumber?, lid?, admin?}], action}}; participants were plain JIDs before Baileys 7) becomes
 * joins (invited by the author, or through the invite link when the author is the one who joined or is missing),
 * leaves (a {@code remove} whose author is the participant), kicks (by the author), promotions and demotions; the
 * account's own joins and removals become {@code INVITED} and {@code REMOVED}. {@code GroupMetadata} becomes a member
 * list, {@code groups.update} with a new {@code subject} a rename by its author.
 */
final class GroupMapper {
    private GroupMapper() {
    }

    /**
     * @param update a {@code group-participants.update} payload
     * @param self   the account's own ids (phone JID and LID, either may be {@code null})
     * @param people who is who in this session
     * @return the changes it says, in order; empty for what the ledger does not keep ({@code modify}: a new number)
     */
    static List<GroupChange> participants(JsonNode update, Self self, People people) {
        String group = Jids.bare(update.path("id").asText(null));
        if (!Jids.isGroup(group)) {
            return List.of();
        }
        String actor = people.id(text(update, "author"), text(update, "authorPn"));
        List<GroupChange.Member> others = new ArrayList<>();
        boolean selfAmong = false;
        for (JsonNode p : update.path("participants")) {
            String id = p.isTextual() ? people.id(p.asText(), null)
                    : people.id(text(p, "id"), text(p, "phoneNumber") != null ? text(p, "phoneNumber") : text(p, "lid"));
            if (id == null) {
                continue;
            }
            if (self.is(id)) {
                selfAmong = true;
            } else {
                others.add(new GroupChange.Member(id, p.isObject() ? name(p) : null));
            }
        }
        boolean byThemselves = actor == null
                || others.size() == 1 && others.getFirst().id().equals(actor)
                || selfAmong && others.isEmpty() && self.is(actor);
        List<GroupChange> changes = new ArrayList<>();
        switch (update.path("action").asText("")) {
            case "add" -> {
                if (selfAmong) {
                    changes.add(change(GroupChange.Kind.INVITED, group, byThemselves ? null : actor, List.of()));
                }
                if (!others.isEmpty()) {
                    changes.add(change(byThemselves ? GroupChange.Kind.JOIN_LINK : GroupChange.Kind.JOIN_INVITED, group,
                            byThemselves ? null : actor, others));
                }
            }
            case "remove" -> {
                if (!others.isEmpty()) {
                    changes.add(byThemselves ? change(GroupChange.Kind.LEAVE, group, null, others)
                            : change(GroupChange.Kind.KICK, group, actor, others));
                }
                if (selfAmong) {
                    changes.add(byThemselves ? change(GroupChange.Kind.LEAVE, group, null,
                            List.of(new GroupChange.Member(self.phone() != null ? self.phone() : self.lid(), null)))
                            : change(GroupChange.Kind.REMOVED, group, actor, List.of()));
                }
            }
            case "promote", "demote" -> {
                List<GroupChange.Member> all = new ArrayList<>(others);
                if (selfAmong) {
                    all.add(new GroupChange.Member(self.phone() != null ? self.phone() : self.lid(), null));
                }
                changes.add(change(update.path("action").asText().equals("promote") ? GroupChange.Kind.PROMOTE
                        : GroupChange.Kind.DEMOTE, group, actor, all));
            }
            default -> {
                // modify (a member's new number) and future actions: nothing the ledger keeps
            }
        }
        return changes;
    }

    /**
     * @param metadata a {@code GroupMetadata}
     * @param people   who is who in this session
     * @return the group's member list, when the metadata names a group
     */
    static Optional<GroupSnapshot> snapshot(JsonNode metadata, People people) {
        String group = Jids.bare(metadata.path("id").asText(null));
        if (!Jids.isGroup(group)) {
            return Optional.empty();
        }
        List<GroupSnapshot.Member> members = new ArrayList<>();
        for (JsonNode p : metadata.path("participants")) {
            String id = people.id(text(p, "id"), text(p, "phoneNumber") != null ? text(p, "phoneNumber") : text(p, "lid"));
            if (id != null) {
                members.add(new GroupSnapshot.Member(id, name(p), null));
            }
        }
        String owner = people.id(text(metadata, "owner"), text(metadata, "ownerPn"));
        return Optional.of(new GroupSnapshot(group, text(metadata, "subject"), owner, members));
    }

    /**
     * @param update one entry of {@code groups.update}
     * @param people who is who in this session
     * @return the rename it says, when it carries a new subject
     */
    static Optional<GroupChange> rename(JsonNode update, People people) {
        String group = Jids.bare(update.path("id").asText(null));
        String subject = text(update, "subject");
        if (!Jids.isGroup(group) || subject == null) {
            return Optional.empty();
        }
        return Optional.of(new GroupChange(GroupChange.Kind.RENAME, group,
                people.id(text(update, "author"), text(update, "authorPn")), null, List.of(), subject));
    }

    private static GroupChange change(GroupChange.Kind kind, String group, String actor, List<GroupChange.Member> members) {
        return new GroupChange(kind, group, actor, null, members, null);
    }

    private static String name(JsonNode participant) {
        String notify = text(participant, "notify");
        return notify != null ? notify : text(participant, "name");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /**
     * The account's own ids in a session.
     *
     * @param phone its phone JID, or {@code null}
     * @param lid   its LID, or {@code null}
     */
    record Self(String phone, String lid) {
        boolean is(String id) {
            return id != null && (id.equals(phone) || id.equals(lid));
        }
    }
}
