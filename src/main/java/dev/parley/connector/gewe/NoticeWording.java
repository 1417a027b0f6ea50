package dev.parley.connector.gewe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.parley.contact.GroupChange.Kind;
import dev.parley.contact.GroupChange.Member;

/**
 * One way WeChat words a group change, such as {@code {actor}邀请{members}加入了群聊}: fixed text with slots
 * for people and for a new group name. It exists so that the notices Parley understands form one readable
 * table ({@link GroupNotices}) instead of regular expressions spread through the parser.
 *
 * <p>A sentence matches when it starts with the first fixed text, ends with the last, and holds the
 * fixed texts in between in order, with a non-blank slot between each. A slot that opens a quotation
 * ends only at a closing mark right before the next fixed text, so a name may itself contain the fixed
 * text or quotation marks. Matching is a few string searches per wording, linear in the sentence.
 *
 * @param language the phone language, which decides how listed names are separated
 * @param actor    who did it: named in the {@code {actor}} slot, the account itself, or not said
 * @param fixed    the fixed texts around the slots, one more than the slots; the first and last may be empty
 * @param slots    the slots in order
 * @param kinds    the changes the notice announces, in order
 */
record NoticeWording(NoticeLanguage language, Actor actor, List<String> fixed, List<Slot> slots, List<Kind> kinds) {

    /** The kinds whose change lists the members it concerns. */
    private static final Set<Kind> KINDS_WITH_MEMBERS = EnumSet.of(Kind.JOIN_INVITED, Kind.JOIN_QR, Kind.KICK);

    /** A part of a notice that varies. */
    enum Slot {
        /** Who did it. */
        ACTOR("{actor}"),
        /** Who joined or was removed. */
        MEMBERS("{members}"),
        /** The group's new name. */
        NEW_NAME("{newName}"),
        /** Text that says nothing about the change, such as the members already in the group. */
        OTHERS("{others}");

        private final String token;

        Slot(String token) {
            this.token = token;
        }
    }

    /** Who did what a notice announces. */
    enum Actor {
        /** The person in the {@code {actor}} slot. */
        NAMED,
        /** The managed account itself ({@code 你…}, {@code You…}). */
        ACCOUNT,
        /** The notice does not say. */
        UNNAMED
    }

    /** Reads the people a slot names; templates resolve links, plain notices only have names. */
    @FunctionalInterface
    interface People {
        /**
         * @param slot     {@link Slot#ACTOR} or {@link Slot#MEMBERS}
         * @param text     the slot's text as it stands in the sentence, quotes included
         * @param language the notice's language
         * @return the people, empty when the slot cannot be read
         */
        List<Member> in(Slot slot, String text, NoticeLanguage language);

        /** Names only: one person for the actor, a list for the members. */
        People NAMES = (slot, text, language) -> slot == Slot.ACTOR ? language.person(text) : language.people(text);
    }

    NoticeWording {
        fixed = List.copyOf(fixed);
        slots = List.copyOf(slots);
        kinds = List.copyOf(kinds);
        if ((actor == Actor.NAMED) != slots.contains(Slot.ACTOR)) {
            throw new IllegalArgumentException("a named actor needs an {actor} slot, and only it: " + fixed);
        }
    }

    /**
     * @param language the phone language
     * @param actor    who did it
     * @param pattern  the wording, fixed text with slot tokens such as {@code {members}}; two slots must
     *                 have fixed text between them
     * @param kinds    the changes it announces
     * @return the wording
     */
    static NoticeWording of(NoticeLanguage language, Actor actor, String pattern, Kind... kinds) {
        List<String> fixed = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = pattern.indexOf('{', from);
            if (open < 0) {
                fixed.add(pattern.substring(from));
                return new NoticeWording(language, actor, fixed, slots, List.of(kinds));
            }
            int close = pattern.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed slot: " + pattern);
            }
            fixed.add(pattern.substring(from, open));
            if (!slots.isEmpty() && fixed.getLast().isEmpty()) {
                throw new IllegalArgumentException("two slots without fixed text between them: " + pattern);
            }
            slots.add(slot(pattern.substring(open, close + 1)));
            from = close + 1;
        }
    }

    /**
     * @param sentence a notice, stripped
     * @param people   how to read the people in its slots
     * @return nothing when the sentence is not in this wording; else the changes it announces, or an
     *     empty list when a slot the changes need (members, new name) names nothing
     */
    Optional<List<AnnouncedChange>> read(String sentence, People people) {
        Map<Slot, String> values = match(sentence);
        if (values == null) {
            return Optional.empty();
        }
        String actorText = values.get(Slot.ACTOR);
        Member named = actorText == null ? null : first(people.in(Slot.ACTOR, actorText, language));
        String membersText = values.get(Slot.MEMBERS);
        List<Member> members = membersText == null ? List.of() : people.in(Slot.MEMBERS, membersText, language);
        String nameText = values.get(Slot.NEW_NAME);
        String newName = nameText == null ? null : Quotes.unquote(nameText.strip());
        if (membersText != null && members.isEmpty() || newName != null && newName.isBlank()) {
            return Optional.of(List.of());
        }
        List<AnnouncedChange> changes = new ArrayList<>(kinds.size());
        for (Kind kind : kinds) {
            changes.add(new AnnouncedChange(kind, actor == Actor.ACCOUNT, named,
                    KINDS_WITH_MEMBERS.contains(kind) ? members : List.of(), newName));
        }
        return Optional.of(changes);
    }

    /** The text of each slot, or {@code null} when the sentence is not in this wording. */
    private Map<Slot, String> match(String sentence) {
        String head = fixed.getFirst();
        String tail = fixed.getLast();
        if (slots.isEmpty()) {
            return sentence.equals(head) ? Map.of() : null;
        }
        int end = sentence.length() - tail.length();
        if (end <= head.length() || !sentence.startsWith(head) || !sentence.endsWith(tail)) {
            return null;
        }
        Map<Slot, String> values = new EnumMap<>(Slot.class);
        int from = head.length();
        for (int i = 0; i < slots.size(); i++) {
            boolean last = i == slots.size() - 1;
            int to = last ? end : slotEnd(sentence, from, fixed.get(i + 1), end);
            if (to < 0) {
                return null;
            }
            String value = sentence.substring(from, to);
            if (value.isBlank() || slots.get(i) != Slot.OTHERS && !closesItsQuote(value)) {
                return null;
            }
            values.put(slots.get(i), value);
            from = to + fixed.get(i + 1).length();
        }
        return values;
    }

    /**
     * Where a slot starting at {@code from} ends: at the first {@code next} fixed text that leaves the
     * slot non-empty and fits before {@code limit}; for a quoted slot, the first one right after a
     * closing mark.
     */
    private static int slotEnd(String sentence, int from, String next, int limit) {
        if (from >= limit) {
            return -1;
        }
        boolean quoted = Quotes.opens(sentence.charAt(from));
        int at = sentence.indexOf(next, from + 1);
        while (at >= 0 && at + next.length() <= limit) {
            if (!quoted || at - 1 > from && Quotes.closes(sentence.charAt(at - 1))) {
                return at;
            }
            at = sentence.indexOf(next, at + 1);
        }
        return -1;
    }

    /** A slot that opens a quotation must close it, or it swallowed part of another wording. */
    private static boolean closesItsQuote(String value) {
        String text = value.strip();
        return !Quotes.opens(text.charAt(0)) || text.length() > 1 && Quotes.closes(text.charAt(text.length() - 1));
    }

    private static Member first(List<Member> people) {
        return people.isEmpty() ? null : people.getFirst();
    }

    private static Slot slot(String token) {
        for (Slot slot : Slot.values()) {
            if (slot.token.equals(token)) {
                return slot;
            }
        }
        throw new IllegalArgumentException("unknown slot " + token);
    }
}
