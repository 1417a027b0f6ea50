-- Events the admin channels already took on, by the platform's own id (Feishu's header.event_id, DingTalk's msgId):
-- the platforms deliver again what they think was not acknowledged, and a redelivery must change nothing, also after
-- a restart. One table for every channel, keyed by channel and id; rows older than the retry window are purged.
CREATE TABLE channel_events (
    channel     VARCHAR(16) NOT NULL,
    event_id    VARCHAR(64) NOT NULL,
    received_at BIGINT      NOT NULL,
    PRIMARY KEY (channel, event_id),
    KEY ix_channel_events_received (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

INSERT INTO channel_events (channel, event_id, received_at) SELECT 'feishu', event_id, received_at FROM feishu_events;
DROP TABLE feishu_events;
