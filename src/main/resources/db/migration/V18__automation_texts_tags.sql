-- Texts an admin saved under a name for rules and broadcasts ({name}, {group}, {date}, {account} and {a|b|c}
-- spintax are filled in when a message is made from one). Distinct from message_templates, which are the ones a
-- business platform approved.
CREATE TABLE saved_templates (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    text       TEXT         NOT NULL,
    created_by VARCHAR(160) NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Tags on an account's contacts and groups, the targets of broadcasts. A chat seen by two accounts is tagged per
-- account, since each account speaks to it separately.
CREATE TABLE chat_tags (
    account_id BIGINT       NOT NULL,
    tag        VARCHAR(32)  NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    chat_type  VARCHAR(8)   NOT NULL,                       -- private | group
    added_by   VARCHAR(160) NOT NULL,                       -- channel:user-id, or rule:<id> for /tag auto
    added_at   BIGINT       NOT NULL,
    PRIMARY KEY (account_id, tag, chat_id),
    KEY ix_chat_tags_tag (tag, account_id),
    CONSTRAINT fk_chat_tags_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Chats that asked an account to stop (an opt-out word such as 退订, TD or STOP): broadcasts skip them for good.
CREATE TABLE opt_outs (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    word       VARCHAR(64)  NOT NULL,
    message_id BIGINT       NULL,                           -- messages.id of the opt-out
    at         BIGINT       NOT NULL,
    PRIMARY KEY (account_id, chat_id),
    CONSTRAINT fk_opt_outs_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
