-- Statistics: daily aggregates derived from messages and group_events (rebuildable with /stats rebuild), and
-- the schedules of daily digests. A day is a calendar day in the configured time zone (parley.timezone).
-- Messages exclude platform notices (system) and withdrawals (revoke).

-- How far the aggregator has read each source table, by id; moved in the same transaction as the aggregates.
CREATE TABLE stats_watermarks (
    source     VARCHAR(32) NOT NULL PRIMARY KEY,            -- messages | group_events
    last_id    BIGINT      NOT NULL,
    updated_at BIGINT      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Messages per chat (private or group) per day, in (from others) and out (from the account).
CREATE TABLE stats_chat_days (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    day        DATE         NOT NULL,
    chat_type  VARCHAR(8)   NOT NULL,
    msgs_in    INT          NOT NULL DEFAULT 0,
    msgs_out   INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, chat_id, day),
    KEY ix_stats_chat_days_day (day, chat_type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Group messages per day and hour of day (0–23): at most 24 rows per group and day.
CREATE TABLE stats_chat_hours (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    day        DATE         NOT NULL,
    hour       TINYINT      NOT NULL,
    messages   INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, chat_id, day, hour)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Group messages per day and message type (text, image…): a handful of rows per group and day.
CREATE TABLE stats_chat_types (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    day        DATE         NOT NULL,
    msg_type   VARCHAR(16)  NOT NULL,
    messages   INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, chat_id, day, msg_type)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Group messages per day and sender: one row per person who spoke that day (not per message), the basis of
-- active members and top speakers.
CREATE TABLE stats_chat_senders (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    day        DATE         NOT NULL,
    sender_id  VARCHAR(128) NOT NULL,
    messages   INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, chat_id, day, sender_id),
    KEY ix_stats_chat_senders_sender (account_id, chat_id, sender_id, day)  -- did this member speak in the window?
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- The same per month (month = its first day): a year of a busy group reads twelve months of speakers instead of
-- 365 days of them; the days at the edges of a window come from stats_chat_senders.
CREATE TABLE stats_chat_sender_months (
    account_id BIGINT       NOT NULL,
    chat_id    VARCHAR(128) NOT NULL,
    month      DATE         NOT NULL,
    sender_id  VARCHAR(128) NOT NULL,
    messages   INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, chat_id, month, sender_id),
    KEY ix_stats_chat_sender_months_sender (account_id, chat_id, sender_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Joins (join events) and leaves (leave and kick events) per group per day, recounted from group_events.
CREATE TABLE stats_group_days (
    group_id BIGINT NOT NULL,
    day      DATE   NOT NULL,
    joins    INT    NOT NULL DEFAULT 0,
    leaves   INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Members at a past moment counted from the index alone (no row reads), and a window's inviters read from the
-- join events alone.
ALTER TABLE group_members
    ADD KEY ix_group_members_interval (group_id, joined_at, left_at, member_id);
ALTER TABLE group_events
    ADD KEY ix_group_events_kind_time (group_id, kind, occurred_at, actor_id);

-- Daily digests: one schedule per bound chat (channel_bindings, purpose digest), at a local time of day.
CREATE TABLE digest_schedules (
    channel     VARCHAR(32)  NOT NULL,
    chat_id     VARCHAR(160) NOT NULL,
    at_time     CHAR(5)      NOT NULL,                     -- HH:MM in the configured time zone
    last_posted DATE         NULL,                         -- the local day a digest was last posted for
    created_by  VARCHAR(160) NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (channel, chat_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
