-- Alerts that are active or were resolved: one row per (rule, key), e.g. ('account_offline', '3').
-- The title and text are stored as locale keys with their arguments, so each chat reads them in its language.
CREATE TABLE alert_state (
    rule          VARCHAR(48)   NOT NULL,
    alert_key     VARCHAR(160)  NOT NULL,
    state         VARCHAR(8)    NOT NULL,                  -- active | resolved
    severity      VARCHAR(8)    NOT NULL,                  -- warning | critical
    title_key     VARCHAR(96)   NOT NULL,
    text_key      VARCHAR(96)   NOT NULL,
    args          TEXT          NOT NULL,                  -- JSON object of the keys' placeholders
    buttons       TEXT          NOT NULL,                  -- JSON array of {labelKey, command}
    raised_at     BIGINT        NOT NULL,
    notified_at   BIGINT        NOT NULL,
    notifications INT           NOT NULL DEFAULT 1,
    resolved_at   BIGINT        NULL,
    PRIMARY KEY (rule, alert_key),
    KEY ix_alert_state_state (state, raised_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
