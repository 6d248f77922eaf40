-- A peering's network given by name (metalctl's --network1 privnet1) is looked up by index, not by a scan of the table.
CREATE INDEX networks_name ON networks (name);
