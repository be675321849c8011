-- Orleans' own tables: cluster membership, durable reminders and grain state (ThuisMonitoring's schema, not a copy
-- of Orleans' AdoNet scripts: the providers in Orleans/ are written against these tables).

CREATE TABLE membership_version (
    cluster_id  text        PRIMARY KEY,
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership (
    cluster_id     text        NOT NULL REFERENCES membership_version (cluster_id) ON DELETE CASCADE,
    silo_address   text        NOT NULL,
    status         integer     NOT NULL,
    proxy_port     integer     NOT NULL,
    host_name      text        NOT NULL,
    silo_name      text        NOT NULL,
    role_name      text        NULL,
    update_zone    integer     NOT NULL,
    fault_zone     integer     NOT NULL,
    suspect_times  text        NULL,
    start_time     timestamptz NOT NULL,
    i_am_alive     timestamptz NOT NULL,
    etag           integer     NOT NULL,
    PRIMARY KEY (cluster_id, silo_address)
);

CREATE TABLE reminders (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    grain_hash     bigint      NOT NULL,
    start_at       timestamptz NOT NULL,
    period_ticks   bigint      NOT NULL,
    etag           text        NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);

CREATE TABLE grain_state (
    state_name  text        NOT NULL,
    grain_id    text        NOT NULL,
    grain_type  text        NOT NULL,
    version     bigint      NOT NULL,
    payload     jsonb       NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (state_name, grain_id)
);
