-- The roster's text search (q) at any roster size (issue 13, search11). A trigram GIN scan for `like '%creator4242%'`
-- reads the posting list of every trigram of the text; when most handles share some of them (a common prefix or word:
-- "creator", "live", "official") those lists hold most of the roster, and reading them was most of a search's cost for
-- a handful of matches. The application asks the index only for the text's uncommon trigrams and tests the whole text on
-- the rows found (SubstringSearch): these statistics objects tell it which trigrams are common (ANALYZE keeps each
-- trigram's share of rows among the most common elements). Nothing is written per row; autovacuum's analyze keeps them.
create statistics creator_handle_trigrams on (show_trgm(lower(handle))) from creator;
create statistics creator_id_trigrams on (show_trgm(lower(creator_id))) from creator;
analyze creator;
