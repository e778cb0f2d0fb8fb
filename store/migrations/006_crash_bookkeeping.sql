-- Issue 14: a document whose reading started but never ended (its process
-- died) is suspect. Counted when reading starts, cleared when a result is
-- saved: on resume a suspect document is read only in the worker, and one
-- that took the process down twice is failed without reading it again.
ALTER TABLE documents ADD COLUMN unfinished_reads INTEGER NOT NULL DEFAULT 0;
