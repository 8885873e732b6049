-- Lets one statement give up on a condition it finds, rolling back its transaction with a
-- SQLSTATE the caller recognises, where plain SQL can only return fewer rows. A webhook
-- batch sent in one round trip (BEGIN, its writes and COMMIT together) uses it when the
-- workflows it was planned against changed since the web server last read them, so
-- nothing of the batch is written and the server plans it again from the database.
CREATE OR REPLACE FUNCTION tweetflow_refuse(reason text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'TF409', MESSAGE = reason;
END;
$$;
