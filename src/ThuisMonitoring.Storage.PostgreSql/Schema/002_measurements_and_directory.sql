-- The measurement journal and the directory (users, patients, device bindings, refresh tokens) of every host of the
-- cluster. Instants are UTC ticks with the original offset in minutes beside them, as in the embedded stores, so a
-- stored DateTimeOffset reads back equal to what was written (PostgreSQL's timestamptz keeps microseconds, no offset).

-- sequence: the journal position. It is drawn only while the writer holds the journal's advisory lock (see
-- Measurements/PostgresMeasurementStore.cs), so sequences become visible in the order they were drawn.
CREATE TABLE measurements (
    sequence            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id          text             NOT NULL,
    device_id           text             NOT NULL,
    organisation        text             NULL,
    source              text             NOT NULL,
    message_id          text             NULL,
    measured_at_ticks   bigint           NOT NULL,
    measured_at_offset  integer          NOT NULL,
    received_at_ticks   bigint           NOT NULL,
    received_at_offset  integer          NOT NULL,
    spo2                integer          NULL,
    heart_rate          integer          NULL,
    respiratory_rate    integer          NULL,
    oxygen_flow         double precision NULL,
    temperature         double precision NULL,
    perfusion_index     double precision NULL,
    feeling             text             NULL,
    exertion            boolean          NOT NULL,
    artefact            boolean          NOT NULL
);
CREATE UNIQUE INDEX measurements_device_message ON measurements (device_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX measurements_patient_time ON measurements (patient_id, measured_at_ticks);

-- username_key: the username with ASCII letters lowered, unique (the embedded store's COLLATE NOCASE).
CREATE TABLE users (
    username_key  text  PRIMARY KEY,
    username      text  NOT NULL,
    document      jsonb NOT NULL
);

CREATE TABLE patients (
    patient_id         text   PRIMARY KEY,
    enrolled_at_ticks  bigint NOT NULL,
    document           jsonb  NOT NULL
);
CREATE INDEX patients_enrolled ON patients (enrolled_at_ticks, patient_id);

CREATE TABLE device_bindings (
    device_id       text   PRIMARY KEY,
    patient_id      text   NOT NULL,
    bound_at_ticks  bigint NOT NULL,
    document        jsonb  NOT NULL
);
CREATE INDEX device_bindings_patient ON device_bindings (patient_id, bound_at_ticks);

CREATE TABLE refresh_tokens (
    token_hash        text    PRIMARY KEY,
    family_id         text    NOT NULL,
    username          text    NOT NULL,
    security_stamp    bigint  NOT NULL,
    issued_at_ticks   bigint  NOT NULL,
    expires_at_ticks  bigint  NOT NULL,
    used_at_ticks     bigint  NULL,
    revoked           boolean NOT NULL DEFAULT false
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at_ticks);
