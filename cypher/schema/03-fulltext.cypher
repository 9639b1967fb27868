// Full-text indexes for GET /search and the canned query `search` (Lucene syntax). The
// standard-folding analyzer ignores case and diacritics, so 'Cavusoglu' finds 'Çavuşoğlu'.
// They index every generation; the queries keep the live one.
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS
FOR (n:Actor) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX statement_text IF NOT EXISTS
FOR (n:Statement) ON EACH [n.quote, n.reported]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX evidence_quotes IF NOT EXISTS
FOR ()-[r:EVIDENCED_BY]-() ON EACH [r.quote]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
