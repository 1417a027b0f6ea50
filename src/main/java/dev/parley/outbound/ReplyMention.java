package dev.parley.outbound;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.parley.contact.ContactStore;

/**
 * Addresses a reply in a group to the member it answers, as WeChat needs it for a real mention: {@code @Name} in front
 * of the text and the member's id alongside ({@code ats}) — what {@code /reply} does for the sender of the message it
 * answers, for replies written by someone else (an AI draft answering a group member).
 */
public final class ReplyMention {
    private final Mentions mentions;

    /**
     * @param contacts where group members' names are known
     */
    public ReplyMention(ContactStore contacts) {
        this.mentions = new Mentions(contacts);
    }

    /**
     * @param accountId the sending account
     * @param group     the group
     * @param memberId  the member answered
     * @param knownName the name their message came with, or {@code null}
     * @param text      the reply
     * @return the reply mentioning them; unchanged when no name of theirs is known (an id alone is no mention)
     */
    public Mentioned to(long accountId, Recipient group, String memberId, String knownName, String text) {
        Mentions.Addressed addressed = mentions.answering(accountId, group, new Mentions.Addressed(text, List.of()),
                memberId, knownName);
        return new Mentioned(addressed.text(), addressed.mentions());
    }

    /**
     * A text written for one member of a group, as welcomes and broadcasts to new members are: {@code write} gets
     * the member's {@code @Name} (their plain name when no name of theirs is known) to put where it wants, and the
     * result mentions them.
     *
     * @param accountId the sending account
     * @param group     the group
     * @param memberId  the member
     * @param knownName the name they came with, or {@code null}
     * @param write     makes the text from the name to put in it
     * @return the text mentioning them
     */
    public Mentioned addressed(long accountId, Recipient group, String memberId, String knownName,
                               UnaryOperator<String> write) {
        Mentioned probe = to(accountId, group, memberId, knownName, "");
        String name = probe.mentions().isEmpty() ? (knownName == null ? "" : knownName) : probe.text().strip();
        return to(accountId, group, memberId, knownName, write.apply(name));
    }

    /**
     * A reply ready to send.
     *
     * @param text     the text, {@code @Name} included
     * @param mentions the ids mentioned
     */
    public record Mentioned(String text, List<String> mentions) {
        /** Copies the mentions. */
        public Mentioned {
            mentions = List.copyOf(mentions);
        }
    }
}
