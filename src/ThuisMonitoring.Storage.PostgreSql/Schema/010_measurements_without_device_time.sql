-- Flags find their row by patient and time (Measurements/PostgresMeasurementFlags.cs), the index the patient's reads
-- use: the (device, time) index of 006 only cost every insert another index entry.
DROP INDEX IF EXISTS measurements_device_time;
