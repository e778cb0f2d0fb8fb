-- Issue 16: search everything ever processed (borrower, lender, loan ID,
-- property address, file name, corrected values and every word of the
-- documents' text), and the order of jobs waiting in the window's queue.
--
-- doc_search's rowid is the document's rowid in documents; triggers keep it
-- current on every write path (registration, results, pages, corrections).
CREATE VIRTUAL TABLE doc_search USING fts5(
    names, loan_id, property, file_name, body,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIEW doc_search_source AS
SELECT d.rowid AS rowid,
    trim(coalesce(json_extract(d.fields_json, '$.borrower_name'), '') || ' ' ||
         coalesce(json_extract(d.fields_json, '$.lender_name'), '') || ' ' ||
         coalesce((SELECT group_concat(c.corrected_json, ' ') FROM corrections c WHERE c.document_id = d.document_id), '')) AS names,
    d.loan_id AS loan_id,
    coalesce(json_extract(d.fields_json, '$.property_address'), '') AS property,
    d.file_name AS file_name,
    coalesce((SELECT group_concat(p.text, ' ') FROM document_pages p WHERE p.document_id = d.document_id), '') AS body
FROM documents d;

INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source;

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
    SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source WHERE rowid = new.rowid;
END;

CREATE TRIGGER documents_search_update AFTER UPDATE OF file_name, loan_id, fields_json ON documents BEGIN
    DELETE FROM doc_search WHERE rowid = old.rowid;
    INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
    SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source WHERE rowid = new.rowid;
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    DELETE FROM doc_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER pages_search_insert AFTER INSERT ON document_pages BEGIN
    DELETE FROM doc_search WHERE rowid = (SELECT rowid FROM documents WHERE document_id = new.document_id);
    INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
    SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source
    WHERE rowid = (SELECT rowid FROM documents WHERE document_id = new.document_id);
END;

CREATE TRIGGER pages_search_delete AFTER DELETE ON document_pages BEGIN
    DELETE FROM doc_search WHERE rowid = (SELECT rowid FROM documents WHERE document_id = old.document_id);
    INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
    SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source
    WHERE rowid = (SELECT rowid FROM documents WHERE document_id = old.document_id);
END;

CREATE TRIGGER corrections_search_insert AFTER INSERT ON corrections BEGIN
    DELETE FROM doc_search WHERE rowid = (SELECT rowid FROM documents WHERE document_id = new.document_id);
    INSERT INTO doc_search (rowid, names, loan_id, property, file_name, body)
    SELECT rowid, names, loan_id, property, file_name, body FROM doc_search_source
    WHERE rowid = (SELECT rowid FROM documents WHERE document_id = new.document_id);
END;

-- The window's queue: waiting jobs run in queue_position order (then
-- creation order); moving a job up, down or to the front rewrites it.
ALTER TABLE processing_jobs ADD COLUMN queue_position INTEGER NOT NULL DEFAULT 0;
