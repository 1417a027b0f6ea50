-- WhatsApp Business numbers on the Cloud API: the access token (sealed with the secret key, never shown again) and
-- what Graph last said about the number, keyed by its phone number id (the id the webhooks name it by).
CREATE TABLE whatsapp_cloud_numbers (
    phone_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    waba_id        VARCHAR(64)   NULL,                     -- the WhatsApp Business Account: its templates live there
    token          VARCHAR(4096) NOT NULL,                 -- sealed
    display_number VARCHAR(32)   NULL,
    verified_name  VARCHAR(256)  NULL,
    quality        VARCHAR(16)   NULL,                     -- GREEN | YELLOW | RED | UNKNOWN
    tier           VARCHAR(32)   NULL,                     -- TIER_250 … TIER_UNLIMITED
    checked_at     BIGINT        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Message templates a platform approved (or not) for an account, as /template sync last read them.
CREATE TABLE message_templates (
    account_id BIGINT       NOT NULL,
    name       VARCHAR(512) NOT NULL,
    language   VARCHAR(16)  NOT NULL,
    status     VARCHAR(32)  NOT NULL,
    category   VARCHAR(32)  NOT NULL,
    body       TEXT         NOT NULL,
    params     INT          NOT NULL,
    synced_at  BIGINT       NOT NULL,
    PRIMARY KEY (account_id, name(191), language),
    CONSTRAINT fk_message_templates_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- A template send keeps its template ({"name","language","params"}) beside the text shown for it; what the platform
-- later says became of a sent message (delivered, read, failed) is its receipt.
ALTER TABLE outbound
    ADD COLUMN template      VARCHAR(4096) NULL AFTER mentions,
    ADD COLUMN receipt_state VARCHAR(12)   NULL AFTER receipt,
    ADD COLUMN receipt_at    BIGINT        NULL AFTER receipt_state,
    ADD COLUMN receipt_error VARCHAR(512)  NULL AFTER receipt_at;

-- Cloud API message ids (wamid.…) run past 64 characters.
ALTER TABLE messages
    MODIFY platform_msg_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    MODIFY ref_msg_id      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL;
