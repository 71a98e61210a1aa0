-- A digest, once claimed, lists the incidents gathered into it. Entries are kept after sending, so
-- without this each digest read every entry of every school ever gathered.
create index digest_entry_digest on digest_entry (digest_id) where digest_id is not null;
