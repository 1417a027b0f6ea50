-- Keyword auto-reply rules (/rule) and auto-tagging rules (/tag auto): what a customer's text (or a member joining
-- a group) sets off, for one account or for all (account_id NULL).
CREATE TABLE rules (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id  BIGINT        NULL,                        -- NULL: every account
    trigger_on  VARCHAR(8)    NOT NULL,                    -- keyword | join
    match_kind  VARCHAR(8)    NOT NULL,                    -- contains | exact | regex (join: contains, unused)
    keywords    VARCHAR(512)  NOT NULL,                    -- as typed; empty for join
    chats       VARCHAR(1024) NOT NULL,                    -- private | groups | all | comma-separated chat ids
    hours       VARCHAR(11)   NULL,                        -- HH:mm-HH:mm in Parley's time zone, NULL: all day
    days        INT           NOT NULL,                    -- bit 0 = Monday … bit 6 = Sunday
    cooldown_ms BIGINT        NOT NULL,                    -- per rule and chat
    priority    INT           NOT NULL,
    action      VARCHAR(8)    NOT NULL,                    -- reply | ai | tag
    reply       TEXT          NULL,                        -- reply: template text, or tpl:<saved template name>
    tag         VARCHAR(32)   NULL,                        -- tag: the tag given
    enabled     TINYINT(1)    NOT NULL DEFAULT 1,
    created_by  VARCHAR(160)  NOT NULL,
    created_at  BIGINT        NOT NULL,
    KEY ix_rules_account (account_id),
    CONSTRAINT fk_rules_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Each time a rule acted: on one message (message_id) or one join (event_id, group_events.id). Unique per rule and
-- message or event, so a message read twice fires once; the firing's id is the outbound origin rule:<id>, so its
-- reply is queued once even if Parley stops between recording the firing and queueing the reply.
CREATE TABLE rule_firings (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rule_id     BIGINT        NOT NULL,
    account_id  BIGINT        NOT NULL,
    chat_id     VARCHAR(128)  NOT NULL,
    message_id  BIGINT        NULL,                        -- messages.id that set it off
    event_id    BIGINT        NULL,                        -- group_events.id of a join
    action      VARCHAR(8)    NOT NULL,                    -- reply | ai | tag, as the rule's when it fired
    text        TEXT          NULL,                        -- the reply as rendered
    outbound_id BIGINT        NULL,
    at          BIGINT        NOT NULL,
    UNIQUE KEY uq_rule_firings_message (rule_id, message_id),
    UNIQUE KEY uq_rule_firings_event (rule_id, event_id),
    KEY ix_rule_firings_message (message_id),
    KEY ix_rule_firings_chat (account_id, chat_id, at),
    KEY ix_rule_firings_rule (rule_id, at),
    CONSTRAINT fk_rule_firings_rule FOREIGN KEY (rule_id) REFERENCES rules (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
