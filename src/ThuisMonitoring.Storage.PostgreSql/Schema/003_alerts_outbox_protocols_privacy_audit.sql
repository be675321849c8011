-- The alert index, notification outbox, protocol library, erasure register and audit trail of the cluster.

CREATE TABLE alerts (
    alert_id          text   PRIMARY KEY,
    patient_id        text   NOT NULL,
    status            text   NOT NULL,
    raised_at_ticks   bigint NOT NULL,
    updated_at_ticks  bigint NOT NULL,
    document          jsonb  NOT NULL
);
CREATE INDEX alerts_raised ON alerts (raised_at_ticks DESC);
CREATE INDEX alerts_status_raised ON alerts (status, raised_at_ticks DESC);
CREATE INDEX alerts_patient ON alerts (patient_id);

-- claimed_until_ticks: a host delivering the row holds it until then (claimed with FOR UPDATE SKIP LOCKED); a host
-- that dies mid-delivery lets the claim run out and another host delivers.
CREATE TABLE notification_outbox (
    sequence             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id      text    NOT NULL UNIQUE,
    patient_id           text    NOT NULL,
    enqueued_at_ticks    bigint  NOT NULL,
    attempts             integer NOT NULL DEFAULT 0,
    next_attempt_ticks   bigint  NOT NULL DEFAULT 0,
    claimed_until_ticks  bigint  NOT NULL DEFAULT 0,
    last_error           text    NULL,
    delivered_at_ticks   bigint  NULL,
    document             jsonb   NOT NULL
);
CREATE INDEX notification_outbox_pending ON notification_outbox (next_attempt_ticks, sequence) WHERE delivered_at_ticks IS NULL;
CREATE INDEX notification_outbox_patient ON notification_outbox (patient_id);

-- Layers as the exact text that was saved (text, not jsonb: the audit shows what the admin wrote).
CREATE TABLE protocol_layers (
    scope              text    PRIMARY KEY,
    version            integer NOT NULL,
    layer_json         text    NOT NULL,
    changed_by         text    NOT NULL,
    changed_at_ticks   bigint  NOT NULL,
    changed_at_offset  integer NOT NULL
);
CREATE TABLE protocol_changes (
    scope              text    NOT NULL,
    version            integer NOT NULL,
    old_layer_json     text    NULL,
    new_layer_json     text    NOT NULL,
    changed_by         text    NOT NULL,
    changed_at_ticks   bigint  NOT NULL,
    changed_at_offset  integer NOT NULL,
    PRIMARY KEY (scope, version)
);
CREATE INDEX protocol_changes_changed ON protocol_changes (changed_at_ticks DESC);

CREATE TABLE erasure_requests (
    erasure_id          text   PRIMARY KEY,
    requested_at_ticks  bigint NOT NULL,
    document            jsonb  NOT NULL
);

-- The audit trail: numbered 1, 2, 3... in the order written, each row chained to the one before (Audit/AuditChain.cs
-- of the embedded store: the same rule, so one verifier's reasoning holds for both). Appends of all hosts take turns
-- under one advisory lock, each batch reading the chain head afresh. UPDATE, DELETE and TRUNCATE are refused.
CREATE TABLE audit_records (
    id                 bigint  PRIMARY KEY,
    at_ticks           bigint  NOT NULL,
    at_offset_minutes  integer NOT NULL,
    actor              text    NOT NULL,
    role               text    NOT NULL,
    organisation       text    NULL,
    patient_id         text    NULL,
    resource           text    NOT NULL,
    action             text    NOT NULL,
    channel            text    NOT NULL,
    purpose            text    NOT NULL,
    previous_hash      text    NOT NULL,
    hash               text    NOT NULL
);
CREATE INDEX audit_records_patient ON audit_records (patient_id, id);
CREATE INDEX audit_records_actor ON audit_records (lower(actor), id);
CREATE INDEX audit_records_at ON audit_records (at_ticks);

CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only';
END;
$$;
CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
