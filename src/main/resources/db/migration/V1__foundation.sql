-- Parley schema, first cut. Conventions:
--  * every time is epoch milliseconds UTC in a BIGINT column named *_at (no time-zone conversions
--    anywhere between the JVM, the driver and the server);
--  * platform ids (wxids, room ids, message ids) are strings: GeWe message ids exceed signed 64 bits;
--  * text is utf8mb4 with a UCA 5.2 collation, so emoji and rare CJK characters compare correctly.

CREATE TABLE accounts (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    platform          VARCHAR(16)  NOT NULL,               -- wechat | whatsapp
    external_id       VARCHAR(128) NOT NULL,               -- GeWe appId, WhatsApp session id
    self_id           VARCHAR(128) NULL,                   -- the account's own user id (wxid, JID)
    label             VARCHAR(128) NULL,
    nickname          VARCHAR(256) NULL,
    status            VARCHAR(16)  NOT NULL DEFAULT 'unknown',
    tenant            VARCHAR(64)  NOT NULL DEFAULT 'default',
    message_count     BIGINT       NOT NULL DEFAULT 0,
    last_message_at   BIGINT       NULL,
    status_changed_at BIGINT       NULL,
    created_at        BIGINT       NOT NULL,
    UNIQUE KEY uq_accounts_platform_external (platform, external_id),
    KEY ix_accounts_label (label)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE contacts (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id  BIGINT       NOT NULL,
    contact_id  VARCHAR(128) NOT NULL,                     -- wxid of the friend or official account
    kind        VARCHAR(16)  NOT NULL DEFAULT 'friend',    -- friend | official | stranger
    nickname    VARCHAR(256) NULL,
    remark      VARCHAR(256) NULL,
    alias       VARCHAR(128) NULL,
    updated_at  BIGINT       NOT NULL,
    UNIQUE KEY uq_contacts_account_contact (account_id, contact_id),
    KEY ix_contacts_nickname (nickname),
    CONSTRAINT fk_contacts_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE `groups` (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id    BIGINT       NOT NULL,
    chat_id       VARCHAR(128) NOT NULL,                   -- e.g. 34757816141@chatroom
    name          VARCHAR(256) NULL,
    owner_id      VARCHAR(128) NULL,
    member_count  INT          NULL,
    status        VARCHAR(16)  NOT NULL DEFAULT 'active',  -- active | left | dismissed
    first_seen_at BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL,
    UNIQUE KEY uq_groups_account_chat (account_id, chat_id),
    KEY ix_groups_name (name),
    CONSTRAINT fk_groups_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- One row per membership interval: a member who leaves and comes back has two rows, so the
-- membership at any past moment is exact.
CREATE TABLE group_members (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    group_id     BIGINT       NOT NULL,
    member_id    VARCHAR(128) NOT NULL,
    display_name VARCHAR(256) NULL,
    inviter_id   VARCHAR(128) NULL,
    joined_at    BIGINT       NULL,                        -- NULL: already a member when first seen
    left_at      BIGINT       NULL,                        -- NULL: still a member
    KEY ix_group_members_group_member (group_id, member_id),
    KEY ix_group_members_member (member_id),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE group_events (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    group_id    BIGINT       NOT NULL,
    kind        VARCHAR(16)  NOT NULL,                     -- join | leave | kick | rename | owner | dismiss | removed
    actor_id    VARCHAR(128) NULL,
    member_id   VARCHAR(128) NULL,
    detail      VARCHAR(512) NULL,
    occurred_at BIGINT       NOT NULL,
    message_id  BIGINT       NULL,
    KEY ix_group_events_group_time (group_id, occurred_at),
    CONSTRAINT fk_group_events_group FOREIGN KEY (group_id) REFERENCES `groups` (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE messages (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id      BIGINT       NOT NULL,
    platform_msg_id VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    chat_id         VARCHAR(128) NOT NULL,
    chat_type       VARCHAR(8)   NOT NULL,                 -- private | group
    sender_id       VARCHAR(128) NOT NULL,
    sender_name     VARCHAR(256) NULL,
    direction       VARCHAR(3)   NOT NULL,                 -- in | out
    msg_type        VARCHAR(16)  NOT NULL,
    text            MEDIUMTEXT   NULL,
    mentions        VARCHAR(2048) NULL,                    -- comma-separated user ids
    ref_msg_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NULL, -- quoted or revoked message
    raw             MEDIUMTEXT   NULL,
    sent_at         BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL,
    revoked_at      BIGINT       NULL,
    UNIQUE KEY uq_messages_account_platform_id (account_id, platform_msg_id),
    KEY ix_messages_account_chat_time (account_id, chat_id, sent_at),
    KEY ix_messages_time (sent_at),
    CONSTRAINT fk_messages_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE admins (
    channel    VARCHAR(32)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,                      -- owner | admin | operator | viewer
    granted_by VARCHAR(160) NOT NULL,
    granted_at BIGINT       NOT NULL,
    PRIMARY KEY (channel, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE audit_log (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at         BIGINT        NOT NULL,
    actor      VARCHAR(160)  NOT NULL,                     -- channel:user-id
    channel    VARCHAR(32)   NOT NULL,
    chat       VARCHAR(160)  NULL,
    command    VARCHAR(64)   NULL,                         -- catalog id, NULL when not recognised
    input      VARCHAR(1000) NOT NULL,
    result     VARCHAR(16)   NOT NULL,                     -- ok | denied | usage | error | unknown
    detail     VARCHAR(1000) NULL,
    KEY ix_audit_at (at),
    KEY ix_audit_actor_at (actor, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

CREATE TABLE user_prefs (
    identity   VARCHAR(160) NOT NULL PRIMARY KEY,
    locale     VARCHAR(16)  NULL,
    updated_at BIGINT       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Buttons on cards: each button shown in a chat carries a short id that maps to the command it runs.
-- Pressing runs the command as the presser. Confirm/Cancel buttons are single-use, expire after minutes,
-- and share a card group: pressing one uses up the other.
CREATE TABLE card_actions (
    id         VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    command    VARCHAR(2000) NOT NULL,
    kind       VARCHAR(8)    NOT NULL DEFAULT 'run',      -- run | confirm | cancel
    card_group VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    issued_to  VARCHAR(160)  NOT NULL,                     -- identity the card was shown to
    single_use TINYINT(1)    NOT NULL DEFAULT 0,
    created_at BIGINT        NOT NULL,
    expires_at BIGINT        NOT NULL,
    used_at    BIGINT        NULL,
    used_by    VARCHAR(160)  NULL,
    KEY ix_card_actions_expires (expires_at),
    KEY ix_card_actions_group (card_group)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
