-- The patients' timelines (issue 14): an append-only clinical event log, one row per timeline entry in the order the
-- patient grain appended them (seq), never cut or updated; an entry id is unique per patient, so a repeated append
-- inserts nothing. The same table as the embedded timeline.db. An erasure deletes the patient's rows.
-- The document is json, not jsonb: kept as written, so the details of an entry (a call's answers) keep their order.

CREATE TABLE timeline_entries (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id  text   NOT NULL,
    entry_id    text   NOT NULL,
    at_ticks    bigint NOT NULL,
    kind        text   NOT NULL,
    document    json   NOT NULL,
    UNIQUE (patient_id, entry_id)
);
CREATE INDEX timeline_entries_patient ON timeline_entries (patient_id, seq);
