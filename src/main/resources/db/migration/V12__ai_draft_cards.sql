-- Where each draft's approval card was posted (issue 6), so later versions of the draft (stale, sent by someone
-- else, regenerated) are edited into the same messages, and an admin's reply to the card can be read as its new text.
CREATE TABLE ai_draft_cards (
    channel    VARCHAR(32)  NOT NULL,                      -- telegram | feishu | …
    chat_id    VARCHAR(128) NOT NULL,
    message_id VARCHAR(128) NOT NULL,                      -- as the channel names the message(s) showing the card
    draft_id   BIGINT       NOT NULL,
    locale     VARCHAR(16)  NOT NULL,
    posted_at  BIGINT       NOT NULL,
    PRIMARY KEY (channel, chat_id, message_id),
    KEY ix_ai_draft_cards_draft (draft_id),
    CONSTRAINT fk_ai_draft_cards_draft FOREIGN KEY (draft_id) REFERENCES ai_drafts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
