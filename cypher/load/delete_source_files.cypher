// name: delete_source_files
// title: Delete the stored source files of every generation but the live one
// description: Between the relationships and the other nodes, when old generations go (and
//   with live null, when the database is emptied). A SourceFile holds its source's whole
//   data file, compressed (up to a few MB), and deleting a node reads its properties into
//   the transaction: 2,001 of them in one batch of 10,000 nodes passed the server's memory
//   pool at 10M interactions. They go 8 at a time, as they were written (STAGE_BATCH_CAPS in
//   loader/writer.py). In Browser, prefix it with :auto.
// param: live integer? — the generation to keep; null deletes them all, e.g. 2
:param {live: 2};
MATCH (f:SourceFile)
WHERE $live IS NULL OR f.gen IS NULL OR f.gen <> $live
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 8 ROWS;
