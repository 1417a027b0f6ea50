-- Contacts and groups: syncing them from the platform, exact membership history and group events.

-- synced_at: when the member list last applied to group_members was requested from the platform; NULL = never,
-- so the next member list is the first one (its members get joined_at NULL: "already there when first seen").
ALTER TABLE `groups`
    ADD COLUMN synced_at BIGINT NULL AFTER first_seen_at,
    ADD KEY ix_groups_account_status (account_id, status);

-- Open intervals (left_at NULL) are what every diff and every membership query reads first.
ALTER TABLE group_members
    ADD KEY ix_group_members_open (group_id, left_at);

-- Names as the announcing notice wrote them: plain-text notices name people without ids, and an event keeps
-- the name until a member list resolves it (member_id is filled in then).
-- kind: join | leave | kick | removed | invited | rename | owner | dismiss
-- detail: join → invite | qr | list (found by comparing member lists); rename → the new name
-- message_id: messages.id of the notice that announced it, NULL when found by comparing member lists
ALTER TABLE group_events
    ADD COLUMN actor_name  VARCHAR(256) NULL AFTER actor_id,
    ADD COLUMN member_name VARCHAR(256) NULL AFTER member_id,
    ADD KEY ix_group_events_unresolved (group_id, kind, member_id);

-- One row per directory sync of an account (/bot sync, or after a login). A run that did not reach 'done'
-- is resumed by the next sync of the account: groups synced since the run started are not fetched again.
CREATE TABLE directory_syncs (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id   BIGINT       NOT NULL,
    state        VARCHAR(16)  NOT NULL,                   -- running | done | stopped | failed
    started_at   BIGINT       NOT NULL,
    finished_at  BIGINT       NULL,
    friends      INT          NOT NULL DEFAULT 0,
    group_count  INT          NOT NULL DEFAULT 0,
    members      INT          NOT NULL DEFAULT 0,
    errors       INT          NOT NULL DEFAULT 0,
    error        VARCHAR(512) NULL,                       -- why it stopped or failed
    KEY ix_directory_syncs_account (account_id, id),
    CONSTRAINT fk_directory_syncs_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
