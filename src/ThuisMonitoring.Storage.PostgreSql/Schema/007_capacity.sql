-- Capacity (CONTRACT section 10) for every host of the cluster: the centres' board settings, the district-nursing
-- teams with their lights, and the intake requests sent to them. The same tables as the embedded directory file.

CREATE TABLE capacity_centres (
    centre    text  PRIMARY KEY,
    document  jsonb NOT NULL
);

CREATE TABLE district_teams (
    team_id       text  PRIMARY KEY,
    organisation  text  NOT NULL,
    document      jsonb NOT NULL
);

CREATE TABLE intake_requests (
    intake_id           text   PRIMARY KEY,
    patient_id          text   NOT NULL,
    team_organisation   text   NOT NULL,
    requested_at_ticks  bigint NOT NULL,
    document            jsonb  NOT NULL
);
CREATE INDEX intake_requests_patient ON intake_requests (patient_id);
CREATE INDEX intake_requests_organisation ON intake_requests (team_organisation, requested_at_ticks);
