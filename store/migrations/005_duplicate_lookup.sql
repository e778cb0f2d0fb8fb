-- Issue 6: finding a document's first earlier copy reads the copies of
-- its SHA-256 in processing order from this index and stops at the first,
-- instead of sorting every copy (a data folder where the same files were
-- processed many times made each document's lookup grow with history).
CREATE INDEX documents_sha256_processed ON documents (sha256, processed_at);
