package dev.parley.connector.gewe;

import java.util.ArrayList;
import java.util.List;

import dev.parley.contact.GroupChange.Member;

/**
 * The phone language a WeChat notice is written in, which decides how it separates the names it lists:
 * {@code 张三、李四} in Chinese, {@code Ann, Bob and Cy} in English. Names that contain a separator
 * cannot be told apart from two names; only templates, whose links list members one by one, can.
 */
enum NoticeLanguage {
    ZH("、"),
    /** Longest first, so {@code ", and "} is one separator rather than {@code ", "} before a name "and …". */
    EN(", and ", ", ", " and ");

    private final List<String> separators;

    NoticeLanguage(String... separators) {
        this.separators = List.of(separators);
    }

    /**
     * @param text the text of a slot that names one person, possibly quoted
     * @return that person by name, or nothing when the text names nobody
     */
    List<Member> person(String text) {
        List<Member> person = new ArrayList<>(1);
        addName(person, text);
        return person;
    }

    /**
     * @param text the text of a slot that lists people, e.g. {@code "张三、李四"} or {@code "乙"、"丙"}
     * @return the people by name, in order; blank entries are skipped
     */
    List<Member> people(String text) {
        List<Member> people = new ArrayList<>();
        int start = 0;
        int at = 0;
        while (at < text.length()) {
            String separator = separatorAt(text, at);
            if (separator == null) {
                at++;
            } else {
                addName(people, text.substring(start, at));
                at += separator.length();
                start = at;
            }
        }
        addName(people, text.substring(start));
        return people;
    }

    private String separatorAt(String text, int at) {
        for (String separator : separators) {
            if (text.startsWith(separator, at)) {
                return separator;
            }
        }
        return null;
    }

    private static void addName(List<Member> people, String piece) {
        String name = Quotes.unquote(piece.strip()).strip();
        if (!name.isEmpty()) {
            people.add(new Member(null, name));
        }
    }
}
