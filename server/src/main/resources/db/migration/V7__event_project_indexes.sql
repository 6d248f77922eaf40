-- A project's events by index: a tenant's timeline (GET /v1/event/find and a peering's events) read every event
-- in seq order and kept those naming the project; now each of the two project columns is read by its own index.
CREATE INDEX events_project1 ON events (project1, seq);
CREATE INDEX events_project2 ON events (project2, seq);
