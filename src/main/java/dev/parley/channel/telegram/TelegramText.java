package dev.parley.channel.telegram;

import java.util.ArrayList;
import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.PlainText;

/**
 * A card as Telegram HTML: the title in bold, {@code **bold**} as {@code <b>}, everything else escaped.
 * Telegram counts a message's length after parsing (4096 for a message, 1024 for a caption), so each line
 * keeps its visible length; lines never share a tag, which lets a long card be cut between lines without
 * breaking the markup.
 */
final class TelegramText {
    /** Most visible characters of a message. */
    static final int MESSAGE_LIMIT = 4096;
    /** Most visible characters of a photo caption. */
    static final int CAPTION_LIMIT = 1024;
    private static final int LINE_LIMIT = 3000;
    private static final int CAPTION_LINE_LIMIT = 1000;
    private static final String ELLIPSIS = "…";

    private TelegramText() {
    }

    /**
     * One line of a rendered card.
     *
     * @param html    the line in Telegram HTML
     * @param visible its length as Telegram counts it
     */
    record Line(String html, int visible) {
    }

    /**
     * @param card        the card
     * @param imageInline whether the card's image is shown with the text (a photo); otherwise its alt text is
     * @return the card's lines
     */
    static List<Line> lines(Card card, boolean imageInline) {
        return lines(card, imageInline, LINE_LIMIT);
    }

    /**
     * @param card the card
     * @return the card's lines, each short enough for a caption
     */
    static List<Line> captionLines(Card card) {
        return lines(card, true, CAPTION_LINE_LIMIT);
    }

    private static List<Line> lines(Card card, boolean imageInline, int lineLimit) {
        List<Line> lines = new ArrayList<>();
        String mark = PlainText.mark(card.tone());
        if (card.title() != null && !card.title().isBlank()) {
            lines.add(line(mark, "<b>", card.title(), "</b>", lineLimit));
        }
        if (card.text() != null && !card.text().isBlank()) {
            for (String text : card.text().split("\n", -1)) {
                lines.add(bold(text, lineLimit));
            }
        }
        for (Card.Field field : card.fields()) {
            String value = field.value() == null ? "" : field.value();
            String[] values = value.split("\n", -1);
            Line label = line("• ", "<b>", field.label(), "</b>", lineLimit);
            if (value.isBlank()) {
                lines.add(label);
            } else if (values.length == 1) {
                Line rest = bold(": " + value, lineLimit);
                lines.add(new Line(label.html() + rest.html(), label.visible() + rest.visible()));
            } else {
                lines.add(new Line(label.html() + ":", label.visible() + 1));
                for (String v : values) {
                    lines.add(bold("  " + v, lineLimit));
                }
            }
        }
        if (card.image() != null && !imageInline) {
            lines.add(line("", "<i>", "[" + card.image().alt() + "]", "</i>", lineLimit));
        }
        if (card.file() != null) {
            lines.add(line("📎 ", "", card.file().name(), "", lineLimit));
        }
        if (card.progress() != null) {
            lines.add(line("", "<code>", PlainText.bar(card.progress()), "</code>", lineLimit));
        }
        if (card.footer() != null && !card.footer().isBlank()) {
            lines.add(line("", "<i>", card.footer(), "</i>", lineLimit));
        }
        return lines;
    }

    /**
     * Packs lines into messages of at most {@code limit} visible characters, cutting only between lines; a single
     * line longer than that (only possible in a caption) becomes an ellipsis.
     *
     * @param lines the lines
     * @param limit most visible characters per message
     * @return one or more messages
     */
    static List<String> split(List<Line> lines, int limit) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int visible = 0;
        for (Line whole : lines) {
            Line line = whole.visible() <= limit ? whole : new Line(ELLIPSIS, ELLIPSIS.length()); // never over the limit
            int added = line.visible() + (visible == 0 ? 0 : 1);
            if (visible > 0 && visible + added > limit) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                visible = 0;
                added = line.visible();
            }
            if (visible > 0) {
                chunk.append('\n');
            }
            chunk.append(line.html());
            visible += added;
        }
        if (chunks.isEmpty() || visible > 0) {
            chunks.add(chunk.isEmpty() ? ELLIPSIS : chunk.toString());
        }
        return chunks;
    }

    /**
     * The first lines that fit, with an ellipsis line when some did not.
     *
     * @param lines the lines, each shorter than {@code limit}
     * @param limit most visible characters
     * @return at most {@code limit} visible characters
     */
    static String fit(List<Line> lines, int limit) {
        if (fits(lines, limit)) {
            return split(lines, limit).get(0);
        }
        return split(lines, limit - ELLIPSIS.length() - 1).get(0) + "\n" + ELLIPSIS;
    }

    /**
     * @param lines the lines
     * @param limit most visible characters
     * @return whether they fit into one message (or caption) of that size
     */
    static boolean fits(List<Line> lines, int limit) {
        return total(lines) <= limit;
    }

    private static int total(List<Line> lines) {
        int total = Math.max(0, lines.size() - 1);
        for (Line line : lines) {
            total += line.visible();
        }
        return total;
    }

    /** Escapes {@code text} between a plain prefix and a tag pair. */
    private static Line line(String prefix, String open, String text, String close, int lineLimit) {
        String cut = cut(text, lineLimit);
        return new Line(escape(prefix) + open + escape(cut) + close, prefix.length() + cut.length());
    }

    /** Escapes a line, turning each complete {@code **…**} pair into bold. */
    private static Line bold(String text, int lineLimit) {
        String cut = cut(text, lineLimit);
        StringBuilder html = new StringBuilder();
        int visible = 0;
        int from = 0;
        while (true) {
            int open = cut.indexOf("**", from);
            int close = open < 0 ? -1 : cut.indexOf("**", open + 2);
            if (close < 0) {
                html.append(escape(cut.substring(from)));
                visible += cut.length() - from;
                return new Line(html.toString(), visible);
            }
            html.append(escape(cut.substring(from, open))).append("<b>").append(escape(cut.substring(open + 2, close)))
                    .append("</b>");
            visible += close - open - 2 + open - from;
            from = close + 2;
        }
    }

    private static String cut(String text, int lineLimit) {
        return text.length() <= lineLimit ? text : text.substring(0, lineLimit) + ELLIPSIS;
    }

    /**
     * @param text plain text
     * @return the text safe inside Telegram HTML
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
