-- Directory history: how many friends and groups an account had at any past moment, exactly from this version on.

-- One row per friendship interval of an account: a contact in its friend list from since_at until until_at
-- (NULL: still listed). A friend who is deleted and added again has two rows. Opened and closed by directory
-- syncs (the time of the sync that first or last listed them) and by deletion notices.
CREATE TABLE contact_stints (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT       NOT NULL,
    contact_id VARCHAR(128) NOT NULL,                      -- wxid of the friend
    since_at   BIGINT       NOT NULL,
    until_at   BIGINT       NULL,
    KEY ix_contact_stints_open (account_id, contact_id, until_at),
    KEY ix_contact_stints_since (account_id, since_at),
    CONSTRAINT fk_contact_stints_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Backfill: every current friend gets one open stint. Earlier versions kept no history, so since_at is the
-- earliest time known to Parley: the first message of the private chat with them, or else the contact row's last
-- update (the last sync that listed them). Friends deleted before this version have no stint.
INSERT INTO contact_stints (account_id, contact_id, since_at, until_at)
SELECT c.account_id, c.contact_id,
       LEAST(c.updated_at, COALESCE((SELECT MIN(m.sent_at) FROM messages m
                                     WHERE m.account_id = c.account_id AND m.chat_id = c.contact_id), c.updated_at)),
       NULL
FROM contacts c
WHERE c.kind = 'friend';

-- When the account left a group or saw it dismissed (NULL while active): a group is counted from first_seen_at
-- until gone_at. Backfill: groups already left or dismissed are taken as gone at their row's last update.
ALTER TABLE `groups`
    ADD COLUMN gone_at BIGINT NULL AFTER first_seen_at;

UPDATE `groups` SET gone_at = updated_at WHERE status <> 'active';
