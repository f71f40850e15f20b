-- Indexes the coordinator's tools and catalogue administration need (issue 16): which records
-- use a catalogue entry (the administrator's use counts, and the foreign-key checks when an
-- unused entry is deleted), and the interventions that record a resource's grant (they move and
-- go with it). Without them each of those reads every row of the entity's content.
CREATE INDEX interventions_type_idx ON interventions (entity_id, type_id) WHERE type_id IS NOT NULL;
CREATE INDEX interventions_resource_idx ON interventions (entity_id, resource_id)
  WHERE resource_id IS NOT NULL;
CREATE INDEX demands_type_idx ON demands (entity_id, type_id);
CREATE INDEX problems_type_idx ON problems (entity_id, type_id);
CREATE INDEX resources_type_idx ON resources (entity_id, type_id);
CREATE INDEX procedures_type_idx ON procedures (entity_id, type_id);
CREATE INDEX case_files_closing_reason_idx ON case_files (entity_id, closing_reason_id)
  WHERE closing_reason_id IS NOT NULL;
