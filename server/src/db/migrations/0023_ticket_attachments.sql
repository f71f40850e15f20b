-- Attachments on support tickets (issue 19, decision 0009 "Attachments on tickets"): a screenshot
-- or a file added by the requester or by a support agent, through the same chunked upload as a
-- record's attachments and stored behind the same wall — the ticket's entity, whose quota it
-- counts in. A ticket's file is no record's document: it has no category and no document date,
-- and no professional's scope reaches it (the records' access predicates select a person's or a
-- case file's rows only); its requester and the agents reach it through the ticket.
-- An agent is no professional of the ticket's entity: their uploads name them by id and by a
-- snapshot of their name, as the ticket's assignee and its history do.

ALTER TABLE support_tickets ADD CONSTRAINT support_tickets_entity_id_id_key UNIQUE (entity_id, id);

ALTER TABLE attachments
  ADD COLUMN support_ticket_id uuid,
  ADD COLUMN uploaded_by_agent_id uuid,
  ADD COLUMN uploader_name text CHECK (length(uploader_name) BETWEEN 1 AND 300),
  ALTER COLUMN category_id DROP NOT NULL,
  ALTER COLUMN document_date DROP NOT NULL,
  ADD CONSTRAINT attachments_support_ticket_fkey FOREIGN KEY (entity_id, support_ticket_id)
    REFERENCES support_tickets (entity_id, id);

-- Exactly one owner: a person; a case file (or an item of it); a support ticket.
ALTER TABLE attachments DROP CONSTRAINT attachments_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_check CHECK (
  (person_id IS NOT NULL AND case_file_id IS NULL AND item_kind IS NULL AND item_id IS NULL
    AND support_ticket_id IS NULL)
  OR (person_id IS NULL AND case_file_id IS NOT NULL AND (item_kind IS NULL) = (item_id IS NULL)
    AND support_ticket_id IS NULL)
  OR (support_ticket_id IS NOT NULL AND person_id IS NULL AND case_file_id IS NULL
    AND item_kind IS NULL AND item_id IS NULL)
);
-- A record's document is filed under a category and dated; a ticket's file is neither.
ALTER TABLE attachments ADD CONSTRAINT attachments_filing_check CHECK (
  (support_ticket_id IS NULL) = (category_id IS NOT NULL AND document_date IS NOT NULL)
);
-- An agent's upload: on a ticket only, with their name; never also a professional's.
ALTER TABLE attachments ADD CONSTRAINT attachments_agent_check CHECK (
  uploaded_by_agent_id IS NULL
  OR (support_ticket_id IS NOT NULL AND uploaded_by IS NULL AND uploader_name IS NOT NULL)
);

-- A ticket's files, oldest first (its page lists them beside its history).
CREATE INDEX attachments_support_ticket_idx
  ON attachments (entity_id, support_ticket_id, created_at)
  WHERE support_ticket_id IS NOT NULL;
