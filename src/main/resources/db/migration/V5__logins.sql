-- Where an account logs in from: a re-login must come from the same region (and proxy) as before, or
-- WeChat treats it as a new location. The proxy URL may hold credentials: it is never logged or shown.
ALTER TABLE accounts
    ADD COLUMN login_region VARCHAR(16)  NULL AFTER tenant,
    ADD COLUMN login_proxy  VARCHAR(512) NULL AFTER login_region,
    ADD COLUMN online_since BIGINT       NULL AFTER status_changed_at;
