-- External peerings: the MEP's one-network form has no network2, and one external BGP session per exit-switch port
-- (port@switch), also between two concurrent creates.

ALTER TABLE peerings ALTER COLUMN network2 DROP NOT NULL;
ALTER TABLE peerings ADD COLUMN bgp_port VARCHAR(300);
CREATE UNIQUE INDEX peerings_bgp_port_unique ON peerings (bgp_port);

