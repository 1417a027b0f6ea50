-- AI reply drafts that a human approves (issue 6): the mode of each account, the drafts and their life,
-- the cost of every provider call, and the knowledge base (its Lucene index under <data dir>/kb is derived).

-- Drafting mode per account: off (no row) | draft (a human approves each reply) | auto (replies grounded in
-- the knowledge base are sent at once).
CREATE TABLE ai_settings (
    account_id BIGINT       NOT NULL PRIMARY KEY,
    mode       VARCHAR(8)   NOT NULL,                      -- draft | auto (off = no row)
    provider   VARCHAR(64)  NULL,                          -- the provider that drafts for it; NULL = parley.ai.provider
    set_by     VARCHAR(160) NOT NULL,
    set_at     BIGINT       NOT NULL,
    CONSTRAINT fk_ai_settings_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- One draft answers the customer's messages up to last_message_id. drafting -> pending -> approved -> sent, or
-- pending -> rejected | stale; failed when the provider gave no usable answer (or a quota stopped it). The state changes are
-- conditional UPDATEs, so two admins pressing Send at once send once.
CREATE TABLE ai_drafts (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT        NOT NULL,
    chat_id         VARCHAR(128)  NOT NULL,
    chat_type       VARCHAR(8)    NOT NULL,                -- private | group
    first_message_id BIGINT       NOT NULL,                -- messages.id of the burst's first customer message
    last_message_id BIGINT        NOT NULL,                -- messages.id of the customer message it answers
    state           VARCHAR(10)   NOT NULL,                -- drafting | pending | approved | sent | rejected | stale | failed
    customer_text   TEXT          NOT NULL,                -- the burst it answers, as shown on the card
    draft_text      TEXT          NULL,
    sources         VARCHAR(1024) NULL,                    -- kb entry ids used, comma-separated
    provider        VARCHAR(64)   NOT NULL,
    error           VARCHAR(512)  NULL,
    outbound_id     BIGINT        NULL,                    -- outbound.id of the sent reply
    decided_by      VARCHAR(160)  NULL,
    created_at      BIGINT        NOT NULL,
    decided_at      BIGINT        NULL,
    UNIQUE KEY uq_ai_drafts_answer (account_id, chat_id, last_message_id),
    KEY ix_ai_drafts_state (state, id),
    CONSTRAINT fk_ai_drafts_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- One row per provider call, successful or not; cost from the configured price table, in micro-units
-- of the configured currency.
CREATE TABLE cost_ledger (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider      VARCHAR(64)  NOT NULL,
    model         VARCHAR(128) NOT NULL,
    account_id    BIGINT       NULL,
    chat_id       VARCHAR(128) NULL,
    tokens_in     INT          NOT NULL,
    tokens_out    INT          NOT NULL,
    cost_micros   BIGINT       NOT NULL,
    latency_ms    INT          NOT NULL,
    result        VARCHAR(16)  NOT NULL,                   -- ok | error
    created_at    BIGINT       NOT NULL,
    KEY ix_cost_ledger_time (created_at),
    KEY ix_cost_ledger_account_time (account_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- The knowledge base: the truth its Lucene index is rebuilt from.
CREATE TABLE kb_entries (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    text       TEXT         NOT NULL,
    added_by   VARCHAR(160) NOT NULL,
    added_at   BIGINT       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Chats where AI drafting is paused: a human answered from the phone (for parley.ai.takeover.minutes), an admin
-- pressed Take over, or typed /ai pause. Rows past until_at are simply ignored.
CREATE TABLE ai_pauses (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    until_at   BIGINT       NOT NULL,
    paused_by  VARCHAR(160) NOT NULL,                      -- channel:user-id, or "phone"
    paused_at  BIGINT       NOT NULL,
    PRIMARY KEY (account_id, chat_id),
    CONSTRAINT fk_ai_pauses_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
