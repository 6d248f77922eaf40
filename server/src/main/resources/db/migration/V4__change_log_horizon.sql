-- Change-log compaction: an entry superseded by a newer one of the same entity is dropped at once (replay uses the
-- entity's latest state anyway); the entries of deleted entities are dropped once they are older than the retention,
-- and the horizon records up to which revision that happened: a replica whose last replayed revision is below it
-- plans the whole fabric again instead of replaying.

CREATE TABLE change_horizon (
    id  INTEGER PRIMARY KEY,
    rev BIGINT  NOT NULL
);
INSERT INTO change_horizon (id, rev) VALUES (1, 0);
