-- The server's own guard over the clerks' account (schema v13, PostgreSQL only; docs/server-guard.md).
-- guard version 2 (server_guard.install_if_changed installs a newer one, never an older one)
-- Run by the archive's owner; @schema@, @max_failures@ and @lock_minutes@ are filled in by
-- models/archive/server_guard.py. Every function that reads what the clerks may not read is
-- SECURITY DEFINER with a fixed search_path (the temporary schema last: a clerk's temporary
-- table never stands in for the archive's).

-- Who signed in on which connection: a random token in the connection's setting archive.session
-- names a row here, which only these functions read or write. The token dies with the connection.
CREATE TABLE IF NOT EXISTS guard_session (
    token UUID PRIMARY KEY,
    user_id VARCHAR(36) NOT NULL,
    username VARCHAR(64) NOT NULL,
    role VARCHAR(10) NOT NULL,
    backend INTEGER NOT NULL DEFAULT pg_backend_pid(),
    db_role NAME NOT NULL DEFAULT session_user,
    signed_in_at TIMESTAMPTZ NOT NULL DEFAULT now());
-- a session counts from the commit of its sign-in: a sign-in rolled back (to guess again without
-- the wrong guess being counted) never tells its outcome, nor signs anyone in
ALTER TABLE guard_session ADD COLUMN IF NOT EXISTS signed_xact BIGINT NOT NULL DEFAULT txid_current();

-- Wrong passwords counted by the server (a clerk's PC cannot write before a sign-in).
CREATE TABLE IF NOT EXISTS guard_failure (
    username VARCHAR(64) PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ);
ALTER TABLE guard_failure ADD COLUMN IF NOT EXISTS counted_xact BIGINT;

-- What each role other than admin may write: a table's name, or setting:<key> (filled from the
-- program's own rules by server_guard.py, the same rules the services check).
CREATE TABLE IF NOT EXISTS guard_right (
    role VARCHAR(10) NOT NULL,
    target VARCHAR(80) NOT NULL,
    PRIMARY KEY (role, target));

-- The users made by each transaction (a new archive's first administrator is made before anyone
-- can sign in: only the rows its own transaction inserted are "made now").
CREATE TABLE IF NOT EXISTS guard_new_user (
    xact BIGINT NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (xact, user_id));

-- Who wrote each entry, as the server saw it (not part of the chain: only the server writes them).
ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS db_role NAME;
ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS app_user VARCHAR(36);
ALTER TABLE audit_entry ADD COLUMN IF NOT EXISTS db_xact BIGINT;
CREATE INDEX IF NOT EXISTS audit_entry_db_xact ON audit_entry (db_xact);  -- (a transaction's own entries)

-- What the server compares a password by: not the user's stored hash (whoever holds it — the
-- owner, a pg_dump, a file copied back — would sign in with it), but the SHA-256 of a second Argon2
-- hash of the password, with its own salt; the second hash itself is kept nowhere. Made by the
-- program that knows the password (a new user, a new password, the first sign-in after this table
-- came); a user without one is still compared by the stored hash until that sign-in.
CREATE TABLE IF NOT EXISTS guard_verifier (
    user_id VARCHAR(36) PRIMARY KEY,
    salt TEXT NOT NULL,  -- the second hash's variant, parameters and salt (its last part removed)
    digest TEXT NOT NULL);

-- The script as installed (server_guard.install_if_changed: the owner's open installs a new one).
CREATE TABLE IF NOT EXISTS guard_installed (digest TEXT NOT NULL, version INTEGER NOT NULL);

REVOKE ALL ON guard_session, guard_failure, guard_right, guard_new_user, guard_verifier, guard_installed FROM PUBLIC;

-- Whether the connection's database account is the archive's owner (or a superuser): the owner
-- makes and upgrades the schema and so is trusted with everything; its writes are still chained.
CREATE OR REPLACE FUNCTION guard_is_owner() RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = '@schema@.secretary'::regclass),
                       'MEMBER')
$$;

CREATE OR REPLACE FUNCTION guard_current() RETURNS guard_session
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT s.* FROM guard_session s
    WHERE s.token = CASE WHEN current_setting('archive.session', true) ~ '^[0-9a-f-]{36}$'
                         THEN current_setting('archive.session', true)::uuid END
      AND s.db_role = session_user AND s.backend = pg_backend_pid()
      AND s.signed_xact IS DISTINCT FROM txid_current_if_assigned()  -- (its sign-in has committed)
$$;

-- The owner, or an administrator of the program signed in on this connection.
CREATE OR REPLACE FUNCTION guard_administers() RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT guard_is_owner() OR coalesce((SELECT s.role = 'admin' FROM guard_current() s WHERE s.token IS NOT NULL), false)
$$;

-- No user of the program existed before this transaction: a new archive's first administrator
-- is made before anyone can sign in (a user counts as new only if this transaction inserted its row).
CREATE OR REPLACE FUNCTION guard_no_users_before() RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT NOT EXISTS (
        SELECT 1 FROM "user" u
        WHERE u.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM guard_new_user n WHERE n.user_id = u.id AND n.xact = txid_current()))
$$;

CREATE OR REPLACE FUNCTION guard_refuse(what TEXT) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'archive guard: %', what USING ERRCODE = '42501', HINT = 'archive_guard';
END
$$;

-- The text the program hashes for an entry (audit.compute_hash: JSON, keys sorted, no spaces):
-- PostgreSQL's to_json escapes a text exactly as Python's json.dumps(ensure_ascii=False) does.
CREATE OR REPLACE FUNCTION guard_entry_hash(e audit_entry) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(
        '{"action":' || to_json(e.action)::text || ',"actor":' || to_json(e.actor)::text
        || ',"at":' || to_json(e.at)::text || ',"changes":' || to_json(e.changes)::text
        || ',"installation":' || to_json(e.installation)::text || ',"prev_hash":' || to_json(e.prev_hash)::text
        || ',"record_id":' || coalesce(to_json(e.record_id)::text, 'null') || ',"role":' || to_json(e.role)::text
        || ',"seq":' || e.seq::text || ',"summary":' || to_json(e.summary)::text
        || ',"table":' || to_json(e.table_name)::text || '}', 'UTF8')), 'hex')
$$;

-- Each new entry: the next in the chain, its hash right, written by the person signed in on this
-- connection under that person's role (or by the owner) — and stamped with who the server saw.
CREATE OR REPLACE FUNCTION guard_audit_entry() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    head_seq INTEGER;
    head_hash TEXT;
    head_seal TEXT;
    who guard_session;
BEGIN
    SELECT seq, hash, seal INTO head_seq, head_hash, head_seal FROM audit_entry ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, repeat('0', 64)) THEN
        PERFORM guard_refuse('entry ' || coalesce(NEW.seq::text, '?') || ' does not follow the log''s last');
    END IF;
    IF NEW.hash IS DISTINCT FROM guard_entry_hash(NEW) THEN
        PERFORM guard_refuse('entry ' || NEW.seq || ' has a hash that is not its content''s');
    END IF;
    IF coalesce(NEW.seal, '') <> '' AND NEW.seal !~ '^[0-9a-f]{64}$' THEN
        PERFORM guard_refuse('entry ' || NEW.seq || ' has a misshapen seal');
    END IF;
    IF coalesce(NEW.seal, '') = '' AND coalesce(head_seal, '') <> '' THEN  -- once sealed, every entry is
        PERFORM guard_refuse('entry ' || NEW.seq || ' has no seal');
    END IF;
    who := guard_current();
    IF guard_is_owner() THEN
        NULL;  -- the owner writes as the program's upgrades, migrations and support need
    ELSIF who.token IS NOT NULL THEN
        IF NEW.actor IS DISTINCT FROM who.username OR NEW.role IS DISTINCT FROM who.role THEN
            PERFORM guard_refuse('an entry in another user''s name');
        END IF;
        -- (readings change nothing; a setting's key is checked on its row; a sign-in updates its own user)
        IF who.role <> 'admin' AND NEW.action NOT IN ('view', 'print', 'export')
           AND (NEW.action, NEW.table_name) IS DISTINCT FROM ('setting', 'setting')
           AND (NEW.action, NEW.table_name, NEW.record_id) IS DISTINCT FROM ('update', 'user', who.user_id)
           AND NOT EXISTS (SELECT 1 FROM guard_right r WHERE r.role = who.role
                              AND r.target = CASE WHEN NEW.action IN ('save', 'undo') THEN 'dossier'
                                                  ELSE NEW.table_name END) THEN
            PERFORM guard_refuse('the role ' || who.role || ' may not ' || NEW.action || ' ' || NEW.table_name);
        END IF;
    ELSIF NOT guard_no_users_before() THEN
        PERFORM guard_refuse('nobody is signed in on this connection');
    END IF;
    NEW.db_role := session_user;
    NEW.app_user := who.user_id;
    NEW.db_xact := txid_current();
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS guard_audit_entry ON audit_entry;
CREATE TRIGGER guard_audit_entry BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION guard_audit_entry();

-- Any other write of the clerks' account: someone signed in (or a new archive's first steps)
-- whose role may write the table.
CREATE OR REPLACE FUNCTION guard_writer(target TEXT) RETURNS guard_session
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    who guard_session;
BEGIN
    who := guard_current();
    IF who.token IS NULL THEN
        IF NOT guard_no_users_before() THEN
            PERFORM guard_refuse('nobody is signed in on this connection');
        END IF;
    ELSIF who.role <> 'admin' AND target IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM guard_right r WHERE r.role = who.role AND r.target = guard_writer.target) THEN
        PERFORM guard_refuse('the role ' || who.role || ' may not write ' || guard_writer.target);
    END IF;
    RETURN who;
END
$$;

CREATE OR REPLACE FUNCTION guard_table_write() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF NOT guard_is_owner() THEN
        PERFORM guard_writer(TG_TABLE_NAME);
        IF TG_OP = 'UPDATE' AND to_jsonb(NEW) ? 'id' AND to_jsonb(NEW) -> 'id' IS DISTINCT FROM to_jsonb(OLD) -> 'id' THEN
            PERFORM guard_refuse('a record''s id is never changed');
        END IF;
    END IF;
    RETURN NEW;
END
$$;

-- A record's row written without its audit entry in the same transaction never commits: checked
-- at commit, when the program has appended the entries of everything it wrote.
CREATE OR REPLACE FUNCTION guard_record_audited() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF guard_is_owner() THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.record_id = NEW.id AND a.table_name = TG_TABLE_NAME
                                                  AND a.db_xact = txid_current()) THEN
        PERFORM guard_refuse(TG_TABLE_NAME || ' ' || NEW.id || ' written without its audit entry');
    END IF;
    RETURN NULL;
END
$$;

-- A user's own row, changed by someone who is not an administrator: only what a sign-in writes.
CREATE OR REPLACE FUNCTION guard_user_row() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    who guard_session;
BEGIN
    IF guard_is_owner() THEN
        RETURN NEW;
    END IF;
    who := guard_current();
    IF who.token IS NULL OR who.role = 'admin' THEN
        PERFORM guard_writer('user');
        IF TG_OP = 'INSERT' THEN  -- (what guard_no_users_before counts as made now)
            INSERT INTO guard_new_user (xact, user_id) VALUES (txid_current(), NEW.id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP <> 'UPDATE' OR NEW.id <> who.user_id
       OR (NEW.username, NEW.display_name, NEW.role, NEW.active, NEW.deleted_at, NEW.id)
          IS DISTINCT FROM (OLD.username, OLD.display_name, OLD.role, OLD.active, OLD.deleted_at, OLD.id) THEN
        PERFORM guard_refuse('only an administrator changes the users');
    END IF;
    RETURN NEW;
END
$$;

-- A head seal as the program writes it (vault.seal_head): signed, naming the log's last entry.
CREATE OR REPLACE FUNCTION guard_head_seal_shaped(value TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    seal JSONB;
BEGIN
    BEGIN
        seal := value::jsonb;
    EXCEPTION WHEN others THEN
        RETURN false;
    END;
    RETURN jsonb_typeof(seal) = 'object' AND jsonb_typeof(seal -> 'seq') = 'number'
       AND (seal ->> 'seq') = (SELECT max(a.seq)::text FROM audit_entry a)
       AND coalesce(jsonb_typeof(seal -> 'from'), 'null') IN ('number', 'null')
       AND coalesce(seal ->> 'mac', '') ~ '^[0-9a-f]{64}$'
       AND coalesce(seal ->> 'sig', '') ~ '^[0-9a-f]{128}$' AND coalesce(seal ->> 'pub', '') ~ '^[0-9a-f]{64}$';
END
$$;

-- The settings: the log's head is always the log's real head, whoever writes it; the rest by key.
CREATE OR REPLACE FUNCTION guard_setting_row() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    who guard_session;
    head RECORD;
BEGIN
    IF guard_is_owner() THEN  -- (a migration writes the head before the entries it names)
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.key IS DISTINCT FROM OLD.key THEN
        PERFORM guard_refuse('a setting''s key is never changed');
    END IF;
    IF NEW.key = 'audit_head' THEN
        SELECT seq, hash INTO head FROM audit_entry ORDER BY seq DESC LIMIT 1;
        NEW.value := '[' || coalesce(head.seq, 0) || ',' || to_json(coalesce(head.hash, repeat('0', 64)))::text || ']';
        RETURN NEW;
    END IF;
    who := guard_writer(NULL);
    IF who.token IS NULL OR who.role = 'admin' THEN
        RETURN NEW;
    END IF;
    IF NEW.key = 'audit_head_seal' THEN  -- sealed after this connection's own entries, never alone
        IF NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.db_xact = txid_current() AND a.app_user = who.user_id) THEN
            PERFORM guard_refuse('the head''s seal written without an entry');
        END IF;
        IF NOT guard_head_seal_shaped(NEW.value) THEN
            PERFORM guard_refuse('the head''s seal is not of the program''s shape');
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.key = 'key_wrap.user.' || who.user_id THEN  -- a user's own wrap of the archive key
        PERFORM guard_writer('setting:key_wrap.');
        RETURN NEW;
    END IF;
    IF starts_with(NEW.key, 'key_wrap.machine.') THEN  -- a PC's wrap: by the roles that hold the key
        PERFORM guard_writer('setting:key_wrap.');
        RETURN NEW;
    END IF;
    PERFORM guard_writer('setting:' || NEW.key);
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION guard_setting_audited() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF guard_is_owner() OR NEW.key IN ('audit_head', 'audit_head_seal', 'pending_events') THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.table_name = 'setting' AND a.db_xact = txid_current()
                                                  AND a.changes::jsonb ? NEW.key) THEN
        PERFORM guard_refuse('setting ' || NEW.key || ' written without its audit entry');
    END IF;
    RETURN NULL;
END
$$;

-- The archive key's wraps for each user's password: seen only by that user, signed in, or by an
-- administrator signed in (who holds the key anyway). Guessing a password offline needs one.
CREATE OR REPLACE FUNCTION guard_sees_wrap(key TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT CASE WHEN NOT starts_with(key, 'key_wrap.user.') OR guard_no_users_before() THEN true
                ELSE coalesce((SELECT s.role = 'admin' OR key = 'key_wrap.user.' || s.user_id
                               FROM guard_current() s WHERE s.token IS NOT NULL), false) END
$$;

ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS setting_seen ON setting;
DROP POLICY IF EXISTS setting_added ON setting;
DROP POLICY IF EXISTS setting_changed ON setting;
CREATE POLICY setting_seen ON setting FOR SELECT USING (guard_sees_wrap(key));
CREATE POLICY setting_added ON setting FOR INSERT WITH CHECK (true);
CREATE POLICY setting_changed ON setting FOR UPDATE USING (true) WITH CHECK (true);

-- Signing in. A password hash is never read by the clerks' account: the program asks for the
-- hash's parameters and salt, computes the hash of the typed password, and the server compares.
-- An unknown name gets parameters all the same (whether a user exists is not told).
CREATE OR REPLACE FUNCTION archive_password_salt(login TEXT) RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT coalesce(
        (SELECT v.salt FROM "user" u JOIN guard_verifier v ON v.user_id = u.id
         WHERE u.username = login AND u.deleted_at IS NULL),
        (SELECT regexp_replace(u.password_hash, '\$[^$]*$', '') FROM "user" u
         WHERE u.username = login AND u.deleted_at IS NULL),
        '$argon2id$v=19$m=19456,t=2,p=1$' || rtrim(encode(substr(sha256(convert_to('archive:' || login, 'UTF8')), 1, 16),
                                                    'base64'), '='))
$$;

DROP FUNCTION IF EXISTS archive_sign_in(TEXT, TEXT);  -- (an earlier build returned its outcome)
CREATE FUNCTION archive_sign_in(login TEXT, proof TEXT) RETURNS VOID
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    found "user";
    known guard_verifier;
    failed guard_failure;
    token UUID;
BEGIN
    -- whoever was signed in on this connection is no longer, whatever this attempt's outcome
    DELETE FROM guard_session s WHERE s.backend = pg_backend_pid();
    PERFORM set_config('archive.session', '', false);
    SELECT * INTO failed FROM guard_failure f WHERE f.username = login FOR UPDATE;
    IF failed.locked_until IS NOT NULL AND failed.locked_until > now() THEN
        RETURN;  -- locked: not even compared
    END IF;
    SELECT * INTO found FROM "user" u WHERE u.username = login AND u.deleted_at IS NULL;
    SELECT * INTO known FROM guard_verifier v WHERE v.user_id = found.id;
    IF found.id IS NULL OR NOT found.active
       OR (known.user_id IS NULL AND found.password_hash IS DISTINCT FROM proof)
       OR (known.user_id IS NOT NULL AND known.digest IS DISTINCT FROM encode(sha256(convert_to(proof, 'UTF8')), 'hex')) THEN
        INSERT INTO guard_failure AS f (username, failures, counted_xact) VALUES (login, 1, txid_current())
        ON CONFLICT (username) DO UPDATE SET failures = f.failures + 1, counted_xact = txid_current();
        UPDATE guard_failure f SET failures = 0, locked_until = now() + interval '@lock_minutes@ minutes'
        WHERE f.username = login AND f.failures >= @max_failures@;
        RETURN;
    END IF;
    DELETE FROM guard_failure f WHERE f.username = login;
    -- the sessions of this connection, and of connections that have ended (their tokens died with them)
    DELETE FROM guard_session s WHERE s.backend = pg_backend_pid()
                                   OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.backend);
    token := gen_random_uuid();
    INSERT INTO guard_session (token, user_id, username, role) VALUES (token, found.id, found.username, found.role);
    PERFORM set_config('archive.session', token::text, false);
END
$$;

-- A user's verifier, from the second hash of their password the program computed: by the user
-- signed in (their own), an administrator, or the transaction that made the user (the first
-- administrator, before anyone can sign in).
CREATE OR REPLACE FUNCTION archive_set_verifier(target VARCHAR, second_hash TEXT) RETURNS VOID
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
DECLARE
    who guard_session;
BEGIN
    who := guard_current();
    IF NOT (guard_administers() OR coalesce(who.token IS NOT NULL AND who.user_id = target, false)
            OR EXISTS (SELECT 1 FROM guard_new_user n WHERE n.user_id = target AND n.xact = txid_current())) THEN
        PERFORM guard_refuse('only the user or an administrator sets a password');
    END IF;
    -- with the user's row written and logged in the same transaction (a new user, a new password, a
    -- sign-in's bookkeeping): a verifier is never set where the log does not show it
    IF NOT guard_is_owner() AND NOT EXISTS (SELECT 1 FROM audit_entry a WHERE a.db_xact = txid_current()
                                               AND a.table_name = 'user' AND a.record_id = target) THEN
        PERFORM guard_refuse('a password set without its audit entry');
    END IF;
    IF second_hash !~ '^\$argon2(id|i|d)\$v=[0-9]+\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}$' THEN
        PERFORM guard_refuse('not a password hash');
    END IF;
    INSERT INTO guard_verifier (user_id, salt, digest)
    VALUES (target, regexp_replace(second_hash, '\$[^$]*$', ''), encode(sha256(convert_to(second_hash, 'UTF8')), 'hex'))
    ON CONFLICT (user_id) DO UPDATE SET salt = EXCLUDED.salt, digest = EXCLUDED.digest;
END
$$;

-- Whether the user signed in on this connection is still compared by the stored hash.
CREATE OR REPLACE FUNCTION archive_verifier_missing() RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT s.token IS NOT NULL AND NOT EXISTS (SELECT 1 FROM guard_verifier v WHERE v.user_id = s.user_id)
    FROM guard_current() s
$$;

-- The users the server still compares by their stored hash, for an administrator's check.
CREATE OR REPLACE FUNCTION archive_users_without_verifier() RETURNS TABLE (username VARCHAR)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF guard_administers() THEN
        RETURN QUERY SELECT u.username FROM "user" u
                     WHERE u.deleted_at IS NULL AND u.active
                       AND NOT EXISTS (SELECT 1 FROM guard_verifier v WHERE v.user_id = u.id)
                     ORDER BY u.username;
    END IF;
END
$$;

-- Who is signed in on this connection, once the sign-in has committed (nobody before).
CREATE OR REPLACE FUNCTION archive_signed_in() RETURNS TABLE (user_id VARCHAR, username VARCHAR)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT s.user_id, s.username FROM guard_current() s WHERE s.token IS NOT NULL
$$;

-- The minutes an account stays locked, as committed before this transaction (a wrong guess of
-- this transaction, or a right one, tells nothing here).
CREATE OR REPLACE FUNCTION archive_locked_minutes(login TEXT) RETURNS INTEGER
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
    SELECT ceil(extract(epoch FROM f.locked_until - now()) / 60)::INTEGER FROM guard_failure f
    WHERE f.username = login AND f.locked_until > now()
      AND f.counted_xact IS DISTINCT FROM txid_current_if_assigned()
$$;

-- The accounts the server has locked out, for an administrator's list of users.
CREATE OR REPLACE FUNCTION archive_locked_users() RETURNS TABLE (username VARCHAR, locked_until TIMESTAMPTZ)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF guard_administers() THEN
        RETURN QUERY SELECT f.username, f.locked_until FROM guard_failure f WHERE f.locked_until IS NOT NULL;
    END IF;
END
$$;

-- What ``check`` compares a user's password hash by (its digest as the log records it), for an
-- administrator signed in or the owner.
CREATE OR REPLACE FUNCTION archive_password_digests() RETURNS TABLE (user_id VARCHAR, digest TEXT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF NOT guard_administers() THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT u.id, 'sha256:' || encode(sha256(convert_to(to_json(u.password_hash)::text, 'UTF8')), 'hex')
                 FROM "user" u;
END
$$;

-- The writers' turn: one writing transaction at a time, as on a file. A row lock, taken only
-- through this function, lasts as long as the transaction that took it (a session-wide advisory
-- lock taken from psql no longer stops every save).
CREATE TABLE IF NOT EXISTS guard_turn (id INTEGER PRIMARY KEY);
INSERT INTO guard_turn (id) VALUES (1) ON CONFLICT DO NOTHING;
REVOKE ALL ON guard_turn FROM PUBLIC;

CREATE OR REPLACE FUNCTION archive_take_turn() RETURNS VOID
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF (guard_current()).token IS NULL AND NOT guard_is_owner() AND NOT guard_no_users_before() THEN
        PERFORM guard_refuse('nobody is signed in on this connection');
    END IF;
    PERFORM 1 FROM guard_turn WHERE id = 1 FOR UPDATE;
END
$$;

-- An administrator's 解锁 of a user: the server's count of wrong passwords too.
CREATE OR REPLACE FUNCTION archive_clear_failures(login TEXT) RETURNS VOID
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = @schema@, pg_temp AS $$
BEGIN
    IF guard_administers() THEN
        DELETE FROM guard_failure f WHERE f.username = login;
    END IF;
END
$$;

REVOKE ALL ON FUNCTION guard_is_owner(), guard_administers(), guard_current(), guard_no_users_before(), guard_writer(TEXT),
    guard_audit_entry(), guard_table_write(), guard_record_audited(), guard_user_row(), guard_setting_row(),
    guard_setting_audited(), guard_sees_wrap(TEXT), guard_head_seal_shaped(TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION guard_sees_wrap(TEXT) TO PUBLIC;
