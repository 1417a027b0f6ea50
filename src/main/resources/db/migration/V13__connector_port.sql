-- The connector port: what a send returned is opaque to the core. An outbound row keeps the id the sent message is
-- archived under (sent_id) and the connector's own receipt for withdrawing it (receipt, in the connector's format;
-- GeWe's is {"msgId","newMsgId","createTime"}), instead of GeWe's three columns.
ALTER TABLE outbound
    ADD COLUMN sent_id VARCHAR(128) NULL AFTER last_error,
    ADD COLUMN receipt VARCHAR(2048) NULL AFTER sent_id;

UPDATE outbound SET sent_id = new_msg_id,
                    receipt = JSON_OBJECT('msgId', msg_id, 'newMsgId', new_msg_id, 'createTime', create_time)
WHERE msg_id IS NOT NULL OR new_msg_id IS NOT NULL;

ALTER TABLE outbound
    DROP COLUMN msg_id,
    DROP COLUMN new_msg_id,
    DROP COLUMN create_time;

-- Drafting asks whether a human answered from the phone: an archived message that is no send of Parley's.
ALTER TABLE outbound
    ADD KEY ix_outbound_account_sent (account_id, sent_id);
