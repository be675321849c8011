-- The overview's read model (issue 14) for every host of the cluster: one summary per patient, written by the
-- patient grain whenever it saves the episode, read by GET /api/patients and the capacity board without activating
-- a grain. The same table as the embedded directory file; the directory's erasure removes a patient's row.

CREATE TABLE patient_summaries (
    patient_id        text   PRIMARY KEY,
    written_at_ticks  bigint NOT NULL,
    document          jsonb  NOT NULL
);
