-- What queued a message when no person did: a keyword rule's firing ('rule:<firing id>') or one recipient's step of
-- a broadcast ('sop:<send id>'). NULL for messages a person asked for. Unique, so queueing the same automatic
-- message again (after a crash between queueing and recording it) finds the row already there instead of sending
-- it twice; a non-NULL origin is also what marks a message as automatic in search and statistics.
ALTER TABLE outbound
    ADD COLUMN origin VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER requested_by,
    ADD UNIQUE KEY uq_outbound_origin (origin);
