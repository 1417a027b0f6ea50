-- The outbound queue. Every message Parley sends is a row here, with its id, before it is sent:
--   queued -> sending -> sent | failed | unknown, and queued | failed | unknown -> cancelled (dropped).
-- A row is marked 'sending' and committed before the platform is called, so a row still 'sending' when
-- Parley starts was interrupted between the call and its answer: it becomes 'unknown' and is never resent
-- without an admin saying so. Platform ids are strings (GeWe's exceed signed 64 bits).
CREATE TABLE outbound (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT        NOT NULL,
    chat_id         VARCHAR(128)  NOT NULL,
    chat_type       VARCHAR(8)    NOT NULL,                -- private | group
    kind            VARCHAR(8)    NOT NULL DEFAULT 'text', -- text
    text            TEXT          NOT NULL,
    mentions        VARCHAR(2048) NULL,                    -- comma-separated user ids
    state           VARCHAR(12)   NOT NULL,                -- queued | sending | sent | failed | unknown | cancelled
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at BIGINT        NOT NULL,
    last_error      VARCHAR(512)  NULL,
    msg_id          VARCHAR(64)   NULL,                    -- the platform's ids of the sent message, for revokes
    new_msg_id      VARCHAR(64)   NULL,
    create_time     VARCHAR(32)   NULL,
    requested_by    VARCHAR(160)  NOT NULL,                -- channel:user-id
    reply_to        BIGINT        NULL,                    -- messages.id this answers
    recorded        TINYINT(1)    NOT NULL DEFAULT 0,      -- whether the sent message is in `messages`
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    sent_at         BIGINT        NULL,
    revoked_at      BIGINT        NULL,
    KEY ix_outbound_account_state (account_id, state, id),
    KEY ix_outbound_state (state, updated_at),
    CONSTRAINT fk_outbound_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Accounts whose queue an admin paused; their messages wait until /queue resume. (An offline account waits
-- too, but that follows from accounts.status.)
CREATE TABLE outbound_pauses (
    account_id BIGINT       NOT NULL PRIMARY KEY,
    paused_by  VARCHAR(160) NOT NULL,
    paused_at  BIGINT       NOT NULL,
    CONSTRAINT fk_outbound_pauses_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
