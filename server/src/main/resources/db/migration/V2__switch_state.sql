-- The switch side: a change log that replicas replay to keep their plans current, each switch's intent state
-- (revision at which it last changed, a digest to recognise it after a restart, its stable VNI -> VLAN map) and the
-- last report of its agent.

CREATE TABLE changes (
    rev  BIGINT       NOT NULL,
    kind VARCHAR(32)  NOT NULL,
    id   VARCHAR(128) NOT NULL,
    CONSTRAINT changes_pk PRIMARY KEY (rev, kind, id)
);
CREATE INDEX changes_kind_id ON changes (kind, id);

CREATE TABLE switch_intents (
    id       VARCHAR(128)    PRIMARY KEY,
    revision BIGINT          NOT NULL,
    digest   VARCHAR(64)     NOT NULL,
    vlans    VARCHAR(100000) NOT NULL
);

CREATE TABLE switch_reports (
    id  VARCHAR(128)     PRIMARY KEY,
    doc VARCHAR(1000000) NOT NULL
);
