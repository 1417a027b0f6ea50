package dev.parley.kb;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.parley.card.Card;
import dev.parley.command.Attachment;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.message.RowIds;

/**
 * {@code /kb add|import|search|remove}: keeps the knowledge base AI drafts are grounded in, from chat. {@code /kb
 * import} takes pasted text or, when the command came with one, a text or Markdown file ({@link KbFile}).
 */
public final class KbCommands {
    private static final int SHOWN = 5;
    private static final int PREVIEW = 300;
    private static final int SHOWN_IDS = 10;

    private final KnowledgeBase kb;
    private final long maxImportBytes;

    /**
     * @param kb             the knowledge base
     * @param maxImportBytes the largest file {@code /kb import} accepts ({@code parley.kb.max.import.bytes})
     */
    public KbCommands(KnowledgeBase kb, long maxImportBytes) {
        this.kb = kb;
        this.maxImportBytes = maxImportBytes;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("kb.add", this::add)
                .handler("kb.import", this::importText)
                .handler("kb.search", this::search)
                .handler("kb.remove", this::remove);
    }

    private Card add(Invocation inv) {
        long id = kb.add(inv.require("text", String.class).strip(), inv.identity().toString());
        return Card.builder(inv.t("kb.add.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("kb.add.done", "id", id, "count", kb.size())).build();
    }

    private Card importText(Invocation inv) {
        Optional<Attachment> file = inv.attachment();
        if (file.isEmpty() && inv.get("text", String.class).isEmpty()) {
            throw new CommandException("kb.error.import_what", "command", inv.invocationOf(inv.command()));
        }
        List<String> passages = file.isPresent() ? KbFile.passages(file.get(), maxImportBytes)
                : KbImport.passages(inv.require("text", String.class));
        if (passages.isEmpty()) {
            throw file.isPresent() ? new CommandException("kb.error.file_empty", "file", file.get().name())
                    : new CommandException("kb.error.nothing_to_import");
        }
        List<Long> ids = kb.addAll(passages, inv.identity().toString());
        String done = file.isPresent()
                ? inv.t("kb.import.done_file", "count", ids.size(), "file", file.get().name(), "ids", ids(ids),
                        "total", kb.size())
                : inv.t("kb.import.done", "count", ids.size(), "first", ids.getFirst(), "last", ids.getLast(),
                        "total", kb.size());
        return Card.builder(inv.t("kb.import.title")).tone(Card.Tone.SUCCESS).text(done).build();
    }

    /** @return the ids as {@code #4, #5, #6}, or {@code #4 … #90} when there are many */
    private static String ids(List<Long> ids) {
        if (ids.size() > SHOWN_IDS) {
            return "#" + ids.getFirst() + " … #" + ids.getLast();
        }
        return ids.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
    }

    private Card search(Invocation inv) {
        String query = inv.require("query", String.class);
        List<KbEntry> found = kb.search(query, SHOWN);
        Card.Builder card = Card.builder(inv.t("kb.search.title", "query", query));
        if (found.isEmpty()) {
            return card.text(inv.t("kb.search.none", "count", kb.size())).build();
        }
        for (KbEntry entry : found) {
            card.field("#" + entry.id(), preview(entry.text()));
        }
        return card.build();
    }

    private Card remove(Invocation inv) {
        String typed = inv.require("id", String.class);
        long id = RowIds.parse(typed).orElseThrow(() -> new CommandException("kb.error.bad_id", "id", typed));
        if (!kb.remove(id)) {
            throw new CommandException("kb.error.no_entry", "id", id);
        }
        return Card.builder(inv.t("kb.remove.title")).tone(Card.Tone.SUCCESS).text(inv.t("kb.remove.done", "id", id))
                .build();
    }

    private static String preview(String text) {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }
}
