-- The rest of the directory every host of the cluster shares: organisations and the clients of each monitoring centre,
-- patient-app pairing codes (their hashes) and retired app credentials, handovers of responsibility, and FHIR
-- Subscriptions with their push outbox. The same tables as the embedded directory file, keyed the same way.

CREATE TABLE organisations (
    organisation_id  text  PRIMARY KEY,
    document         jsonb NOT NULL
);

CREATE TABLE organisation_clients (
    centre_id  text NOT NULL,
    client_id  text NOT NULL,
    PRIMARY KEY (centre_id, client_id)
);

-- used_at_ticks: set by the one redemption that finds it empty (a single UPDATE, so two hosts cannot both redeem).
CREATE TABLE pairing_codes (
    code_hash         text   PRIMARY KEY,
    device_id         text   NOT NULL,
    patient_id        text   NOT NULL,
    issued_at_ticks   bigint NOT NULL,
    expires_at_ticks  bigint NOT NULL,
    used_at_ticks     bigint NULL
);
CREATE INDEX pairing_codes_expires ON pairing_codes (expires_at_ticks);
CREATE INDEX pairing_codes_patient ON pairing_codes (patient_id);

CREATE TABLE retired_devices (
    device_id         text   PRIMARY KEY,
    patient_id        text   NOT NULL,
    retired_at_ticks  bigint NOT NULL,
    document          jsonb  NOT NULL
);
CREATE INDEX retired_devices_patient ON retired_devices (patient_id);

-- from_key, to_key: the usernames with ASCII letters lowered (the embedded store's COLLATE NOCASE, as users.username_key).
CREATE TABLE care_handovers (
    handover_id         text   PRIMARY KEY,
    patient_id          text   NOT NULL,
    from_key            text   NOT NULL,
    to_key              text   NOT NULL,
    status              text   NOT NULL,
    requested_at_ticks  bigint NOT NULL,
    document            jsonb  NOT NULL
);
CREATE INDEX care_handovers_to ON care_handovers (to_key, status);
CREATE INDEX care_handovers_from ON care_handovers (from_key, status);
CREATE INDEX care_handovers_patient ON care_handovers (patient_id);

-- patient_id: the one patient a subscription is about (null: every patient its owner may see).
CREATE TABLE fhir_subscriptions (
    subscription_id  text    PRIMARY KEY,
    patient_id       text    NULL,
    active           boolean NOT NULL,
    document         jsonb   NOT NULL
);
CREATE INDEX fhir_subscriptions_patient ON fhir_subscriptions (patient_id);

-- The notification outbox's shape and claims (003): every host's subscription delivery drains it, a host claims what
-- it is about to POST (FOR UPDATE SKIP LOCKED) until claimed_until_ticks, and a host that dies lets the claim run out.
CREATE TABLE fhir_push_outbox (
    sequence             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
CREATE INDEX fhir_push_outbox_pending ON fhir_push_outbox (next_attempt_ticks, sequence) WHERE delivered_at_ticks IS NULL;
CREATE INDEX fhir_push_outbox_patient ON fhir_push_outbox (patient_id);
