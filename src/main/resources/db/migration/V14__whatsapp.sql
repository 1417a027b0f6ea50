-- WhatsApp Web sessions (the Baileys bridge). Everything that lets someone act as the account is sealed
-- (AES-256-GCM, dev.parley.config.Sealer): the credentials and every signal key. A session is keyed by the
-- account's external id (its session id), which exists before the account row does: the bridge hands over the
-- first credentials while the QR code is being shown.
CREATE TABLE whatsapp_sessions (
    external_id VARCHAR(128)  NOT NULL PRIMARY KEY,
    creds       MEDIUMTEXT    NOT NULL,                    -- sealed JSON of Baileys's AuthenticationCreds
    registered  TINYINT(1)    NOT NULL DEFAULT 0,          -- whether a phone linked it (creds.registered or creds.me)
    updated_at  BIGINT        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- Baileys's signal key store (pre-key, session, sender-key, app-state-sync-key, lid-mapping, …): one row per key.
CREATE TABLE whatsapp_keys (
    external_id VARCHAR(128)  NOT NULL,
    key_type    VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    key_id      VARCHAR(255)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    value       MEDIUMTEXT    NOT NULL,                    -- sealed JSON
    PRIMARY KEY (external_id, key_type, key_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;

-- WhatsApp addresses one person by a phone-number JID (…@s.whatsapp.net) or a LID (…@lid). Parley stores people
-- under their phone-number JID when it knows it; what it learnt about which LID is which number is kept here.
CREATE TABLE whatsapp_lids (
    external_id VARCHAR(128)  NOT NULL,
    lid         VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    pn          VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    learnt_at   BIGINT        NOT NULL,
    PRIMARY KEY (external_id, lid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_520_ci;
