-- Today's and the API's text search (q) on tasks, as the roster's (V306, search11): which trigrams of the title and of the
-- creator's handle on the task row are common, so the search asks the trigram indexes for the text's uncommon ones only
-- and tests the whole text on the rows found (SubstringSearch).
create statistics task_title_trigrams on (show_trgm(lower(title))) from task;
create statistics task_creator_handle_trigrams on (show_trgm(lower(creator_handle))) from task;
analyze task;
