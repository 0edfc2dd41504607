-- The domains of each message the guard checked, by Message-ID, for the new-domain-in-reply rule.
CREATE TABLE guard_thread_domain (
    message_id   VARCHAR(250) NOT NULL,
    domain       VARCHAR(255) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_id, domain)
);
CREATE INDEX guard_thread_domain_recorded_ix ON guard_thread_domain (recorded_at);
