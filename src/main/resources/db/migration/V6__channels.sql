-- Team chats bound to a purpose (alerts today; digests later), with the language cards are written in there.
CREATE TABLE channel_bindings (
    channel    VARCHAR(32)  NOT NULL,
    chat_id    VARCHAR(160) NOT NULL,
    purpose    VARCHAR(16)  NOT NULL,                      -- alerts
    locale     VARCHAR(16)  NOT NULL,
    chat_name  VARCHAR(256) NULL,
    bound_by   VARCHAR(160) NOT NULL,
    bound_at   BIGINT       NOT NULL,
    PRIMARY KEY (channel, chat_id, purpose),
    KEY ix_channel_bindings_purpose (purpose)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
