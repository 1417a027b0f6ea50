package dev.parley.outbound;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.parley.command.CommandException;
import dev.parley.contact.ContactStore;

/**
 * Turns {@code @Name} words of a group message into real mentions: WeChat notifies a member only when the text
 * shows {@code @Name} and the member's id is passed alongside ({@code ats}). A name is a member's in-group name,
 * the account's remark for them, their nickname or their id; the longest name that follows an {@code @} at the start
 * of a word wins (so {@code @张三你好} finds 张三, and names may contain spaces). An {@code @} inside a word (an email
 * address) is text. A name no member has, or two members share, is refused with a clear answer.
 */
final class Mentions {
    private final ContactStore contacts;

    Mentions(ContactStore contacts) {
        this.contacts = contacts;
    }

    /**
     * @param accountId the sending account
     * @param group     the group
     * @param text      the text as typed
     * @return the text to send (full-width {@code ＠} written as {@code @}) and the ids it mentions
     * @throws CommandException when a name matches no member or several
     */
    Addressed resolve(long accountId, Recipient group, String text) {
        if (text.indexOf('@') < 0 && text.indexOf('＠') < 0) {
            return new Addressed(text, List.of());
        }
        List<ContactStore.Member> members = null;
        StringBuilder out = new StringBuilder(text.length());
        Set<String> mentioned = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c != '@' && c != '＠') || (i > 0 && !Character.isWhitespace(text.charAt(i - 1)))) {
                out.append(c);
                i++;
                continue;
            }
            if (members == null) {
                members = contacts.members(accountId, group.chatId());
            }
            Match match = longest(members, text, i + 1, group);
            out.append('@').append(match.name());
            if (mentioned.add(match.member().memberId())) {
                names.add(match.name());
            }
            i += 1 + match.name().length();
        }
        return new Addressed(out.toString(), List.copyOf(mentioned), names);
    }

    /**
     * @param accountId the account
     * @param group     one of its groups
     * @param memberId  a member
     * @param known     a name the caller has for them (from their message), or {@code null}
     * @return the name to mention them by: the one the group knows them by, else {@code known}; empty when only their
     *         id is known
     */
    Optional<String> nameOf(long accountId, Recipient group, String memberId, String known) {
        Optional<String> member = contacts.members(accountId, group.chatId()).stream()
                .filter(m -> m.memberId().equals(memberId)).findFirst()
                .flatMap(m -> m.names().stream().filter(n -> !n.equals(memberId)).findFirst());
        return member.or(() -> Optional.ofNullable(known).filter(n -> !n.isBlank() && !n.equals(memberId)));
    }

    /**
     * Addresses a reply in a group to the member it answers, unless it already mentions them: {@code @Name} in front
     * and their id alongside; when the text already shows {@code @Name}, only their id is added.
     *
     * @param accountId the sending account
     * @param group     the group
     * @param reply     the reply, with the mentions it has
     * @param memberId  the member answered
     * @param known     the name their message came with, or {@code null}
     * @return the reply mentioning them; unchanged when no name of theirs is known (an id alone is no mention)
     */
    Addressed answering(long accountId, Recipient group, Addressed reply, String memberId, String known) {
        if (reply.mentions().contains(memberId)) {
            return reply;
        }
        return nameOf(accountId, group, memberId, known).map(name -> {
            if (!reply.text().contains("@" + name)) {
                return reply.mentioning(name, memberId);
            }
            List<String> ids = new ArrayList<>(reply.mentions());
            ids.add(memberId);
            return new Addressed(reply.text(), ids, reply.names());
        }).orElse(reply);
    }

    private static Match longest(List<ContactStore.Member> members, String text, int from, Recipient group) {
        Match best = null;
        Set<String> tied = new LinkedHashSet<>();
        for (ContactStore.Member member : members) {
            for (String name : member.names()) {
                if (!text.startsWith(name, from) || !endsWord(text, from, name)) {
                    continue;
                }
                if (best == null || name.length() > best.name().length()) {
                    best = new Match(member, name);
                    tied.clear();
                    tied.add(member.memberId());
                } else if (name.length() == best.name().length()) {
                    tied.add(member.memberId());
                }
            }
        }
        String word = text.substring(from).split("\\s", 2)[0];
        if (best == null) {
            throw new CommandException(members.isEmpty() ? "outbound.error.no_members" : "outbound.error.unknown_member",
                    "name", word, "group", group.displayName());
        }
        if (tied.size() > 1) {
            throw new CommandException("outbound.error.ambiguous_member", "name", best.name(), "group",
                    group.displayName(), "choices", String.join(", ", tied));
        }
        return best;
    }

    /** A Latin name must not run on into more letters ({@code @Bob} is not {@code @Bobby}); CJK names may. */
    private static boolean endsWord(String text, int from, String name) {
        int end = from + name.length();
        if (end >= text.length()) {
            return true;
        }
        return !(isLatinWordChar(text.codePointBefore(end)) && isLatinWordChar(text.codePointAt(end)));
    }

    private static boolean isLatinWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) && Character.UnicodeScript.of(codePoint) != Character.UnicodeScript.HAN;
    }

    private record Match(ContactStore.Member member, String name) {
    }

    /**
     * A text ready to send.
     *
     * @param text     the text, {@code @Name} of each mention included
     * @param mentions the ids mentioned, each once
     * @param names    the names they were mentioned by, in the same order
     */
    record Addressed(String text, List<String> mentions, List<String> names) {
        Addressed(String text, List<String> mentions) {
            this(text, mentions, List.of());
        }

        /** @return the mentions for a card: {@code @Bob, @张三} */
        String shown() {
            return names.stream().map(n -> "@" + n).collect(Collectors.joining(", "));
        }

        /**
         * @param name     a member's name
         * @param memberId their id
         * @return this text with {@code @name} in front and the member mentioned first
         */
        Addressed mentioning(String name, String memberId) {
            List<String> ids = new ArrayList<>(List.of(memberId));
            ids.addAll(mentions);
            List<String> shownNames = new ArrayList<>(List.of(name));
            shownNames.addAll(names);
            return new Addressed("@" + name + " " + text, ids, shownNames);
        }
    }
}
