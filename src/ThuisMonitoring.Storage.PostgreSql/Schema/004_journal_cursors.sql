-- Where a reader of the measurement journal is (the InfluxDB forwarder), shared by the hosts: the host holding the
-- reader's advisory lock (session level, released when its connection ends) is the one that reads and saves.
CREATE TABLE journal_cursors (
    name      text        PRIMARY KEY,
    sequence  bigint      NOT NULL,
    saved_at  timestamptz NOT NULL DEFAULT now()
);
