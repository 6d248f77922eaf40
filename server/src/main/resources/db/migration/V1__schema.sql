-- One schema for H2 and PostgreSQL: plain types only. Each row keeps its entity as a JSON document (the wire
-- form) next to the columns that queries, locks and constraints need.

CREATE TABLE revision (
    id  INTEGER PRIMARY KEY,
    rev BIGINT  NOT NULL
);
INSERT INTO revision (id, rev) VALUES (1, 0);

CREATE TABLE partitions (
    id  VARCHAR(128)     PRIMARY KEY,
    doc VARCHAR(1000000) NOT NULL
);

CREATE TABLE projects (
    id  VARCHAR(128)     PRIMARY KEY,
    doc VARCHAR(1000000) NOT NULL
);

CREATE TABLE networks (
    id           VARCHAR(128)     PRIMARY KEY,
    name         VARCHAR(256)     NOT NULL,
    partition_id VARCHAR(128),
    project_id   VARCHAR(128),
    parent_id    VARCHAR(128),
    net_type     VARCHAR(16)      NOT NULL,
    vrf          INTEGER,
    doc          VARCHAR(1000000) NOT NULL,
    CONSTRAINT networks_vrf_unique UNIQUE (vrf)
);
CREATE INDEX networks_parent ON networks (parent_id);
CREATE INDEX networks_project ON networks (project_id);

CREATE TABLE switches (
    id           VARCHAR(128)     PRIMARY KEY,
    partition_id VARCHAR(128)     NOT NULL,
    doc          VARCHAR(1000000) NOT NULL
);

CREATE TABLE machines (
    id           VARCHAR(128)     PRIMARY KEY,
    partition_id VARCHAR(128)     NOT NULL,
    project_id   VARCHAR(128),
    doc          VARCHAR(1000000) NOT NULL
);

CREATE TABLE peerings (
    id           VARCHAR(128)     PRIMARY KEY,
    network1     VARCHAR(128)     NOT NULL,
    network2     VARCHAR(128)     NOT NULL,
    pair_low     VARCHAR(128)     NOT NULL,
    pair_high    VARCHAR(128)     NOT NULL,
    project_id   VARCHAR(128),
    doc          VARCHAR(1000000) NOT NULL,
    CONSTRAINT peerings_pair_unique UNIQUE (pair_low, pair_high)
);
CREATE INDEX peerings_network1 ON peerings (network1);
CREATE INDEX peerings_network2 ON peerings (network2);

CREATE TABLE tokens (
    id          VARCHAR(128)     PRIMARY KEY,
    secret_hash VARCHAR(64)      NOT NULL,
    doc         VARCHAR(1000000) NOT NULL,
    CONSTRAINT tokens_hash_unique UNIQUE (secret_hash)
);
