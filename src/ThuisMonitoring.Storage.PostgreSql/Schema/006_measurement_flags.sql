-- What the evaluation learnt of a stored measurement (Measurements/PostgresMeasurementFlags.cs): the warm-up at the
-- start of a stream or an artefact of a continuous meter (then artefact is true too), as the embedded store's flag
-- column. NULL: not flagged. A flag is set on the device's row of one measured instant, so that is looked up.
ALTER TABLE measurements ADD COLUMN flag text NULL;
CREATE INDEX measurements_device_time ON measurements (device_id, measured_at_ticks);
