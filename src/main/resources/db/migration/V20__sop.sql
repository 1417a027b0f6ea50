-- Broadcasts (/sop): a named task sends its steps, each a delay after its start, to the chats its target names. A
-- one-off task runs once (run 0) for the chats fixed when it starts; an every: task runs at each occurrence (run =
-- the occurrence, epoch ms) for the chats that match then; an after-join: task runs for each member who joins one
-- of its groups (run = the join's group_events.id), counted from the join. One sop_sends row per (task, run, step,
-- chat); its id is the outbound origin sop:<id>, so a send is queued at most once even if Parley stops between
-- queueing it and recording that it did.
CREATE TABLE sop_tasks (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(64)   NOT NULL,
    account_id BIGINT        NULL,                         -- NULL: every account (each chat from one of them)
    target     VARCHAR(1024) NOT NULL,                     -- tag:<tag>,… | group:<ref>,… | chat:<ref>,… as typed
    starts_at  BIGINT        NULL,                         -- at:, epoch ms; NULL: when started
    every      VARCHAR(40)   NULL,                         -- every: as stored (e.g. mon,thu 09:00), or NULL
    after_join BIGINT        NULL,                         -- after-join:, ms after each join, or NULL
    watermark  BIGINT        NOT NULL DEFAULT 0,           -- every: last occurrence run; after-join: last join read
    state      VARCHAR(12)   NOT NULL,                     -- draft | running | paused | done | cancelled
    created_by VARCHAR(160)  NOT NULL,
    created_at BIGINT        NOT NULL,
    started_by VARCHAR(160)  NULL,
    started_at BIGINT        NULL,
    ended_at   BIGINT        NULL,
    UNIQUE KEY uq_sop_tasks_name (name),
    CONSTRAINT fk_sop_tasks_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE sop_steps (
    task_id  BIGINT NOT NULL,
    position INT    NOT NULL,                              -- 1, 2, …
    delay_ms BIGINT NOT NULL,                              -- after the start
    text     TEXT   NOT NULL,                              -- template text, or tpl:<saved template name>
    PRIMARY KEY (task_id, position),
    CONSTRAINT fk_sop_steps_task FOREIGN KEY (task_id) REFERENCES sop_tasks (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- The groups of an after-join: task, fixed when it starts.
CREATE TABLE sop_groups (
    task_id    BIGINT       NOT NULL,
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    PRIMARY KEY (task_id, account_id, chat_id),
    CONSTRAINT fk_sop_groups_task FOREIGN KEY (task_id) REFERENCES sop_tasks (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE sop_sends (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    task_id     BIGINT       NOT NULL,
    run         BIGINT       NOT NULL DEFAULT 0,
    step        INT          NOT NULL,
    account_id  BIGINT       NOT NULL,
    chat_id     VARCHAR(128) NOT NULL,
    chat_type   VARCHAR(8)   NOT NULL,                     -- private | group
    name        VARCHAR(255) NULL,                         -- the chat's (after-join: the member's) name
    member_id   VARCHAR(128) NULL,                         -- after-join: the member, mentioned in the group
    due_at      BIGINT       NOT NULL,
    state       VARCHAR(10)  NOT NULL,                     -- pending | queued | sent | failed | skipped | unknown | cancelled
    reason      VARCHAR(255) NULL,                         -- why failed or skipped
    outbound_id BIGINT       NULL,
    queued_at   BIGINT       NULL,
    done_at     BIGINT       NULL,
    UNIQUE KEY uq_sop_sends_recipient (task_id, run, step, chat_id),
    KEY ix_sop_sends_due (state, account_id, due_at),
    KEY ix_sop_sends_task (task_id, state),
    KEY ix_sop_sends_day (account_id, queued_at),
    CONSTRAINT fk_sop_sends_task FOREIGN KEY (task_id) REFERENCES sop_tasks (id) ON DELETE CASCADE,
    CONSTRAINT fk_sop_sends_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
