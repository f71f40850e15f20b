-- The worker claims through the four-argument caliu_outbox_claim (0017, with its clock); the
-- three-argument one from 0002 is no longer called. A cross-entity SECURITY DEFINER path nobody
-- uses is one too many: it goes.
DROP FUNCTION caliu_outbox_claim(integer, integer, text);
