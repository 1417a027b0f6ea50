-- Feishu events already handled, by header.event_id: Feishu re-pushes an event it thinks was not
-- acknowledged (after 15 s, 5 min, 1 h and 6 h), and a re-push must change nothing. Rows older than the
-- retry window are purged.
CREATE TABLE feishu_events (
    event_id    VARCHAR(64) NOT NULL,
    received_at BIGINT      NOT NULL,
    PRIMARY KEY (event_id),
    KEY ix_feishu_events_received (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
