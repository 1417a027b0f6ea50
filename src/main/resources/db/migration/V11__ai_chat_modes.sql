-- Per-chat AI modes (issue 6): a row with a chat_id overrides its account's mode in that one chat, including
-- 'off' for one chat of an account on draft. The account's own row has chat_id '' (and still no row means off).
ALTER TABLE ai_settings
    ADD COLUMN chat_id VARCHAR(128) NOT NULL DEFAULT '' AFTER account_id,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (account_id, chat_id);
