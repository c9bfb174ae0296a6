"""PostgreSQL as the security boundary: the three roles, and the server's copy of the rules.

Roles (``erp-desktop db setup`` creates them; names from one prefix, ``erp`` by default):
- ``<prefix>_owner``: NOLOGIN, owns every object of the schema;
- ``<prefix>_migrator``: LOGIN, member of the owner, used only by ``db upgrade`` and the trusted command
  line (create-admin, demo-data); never saved on a desktop;
- ``<prefix>_desktop``: LOGIN, owns nothing and is a member of nothing: the credential every desktop holds.

Identity: a desktop signs in through ``erp_sign_in()``, which returns a random 256-bit token; the server
keeps only its SHA-256. Every transaction starts with ``erp_begin(token)``, which puts the token in a
transaction-local setting (so it travels per transaction, through PgBouncer in transaction mode too), and
every statement derives organisation, user and role from it again (``erp_current()``): an ended or expired
session stops working at its next statement.

``apply()`` renders the rules from the code's one source (domain/roles.PERMISSIONS, domain/server_rights,
the models) into functions, row-level security policies and grants. It runs after every schema upgrade,
so a table a later migration adds is born under them, and a change of the matrix reaches the server with
the next upgrade.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from erp_desktop.db.models import Base
from erp_desktop.domain.roles import PERMISSIONS, Op
from erp_desktop.domain.server_rights import (
    ACTING_USER_COLUMNS,
    APPEND_ONLY,
    AUDITED_BY_SERVER,
    CHANGE_WRITERS,
    JOURNAL_BALANCES,
    MOVEMENT_OPS,
    OWN_ROWS,
    TABLE_WRITERS,
)

TOKEN_SETTING = "erp.token"
# SQLSTATEs the server's functions raise; services/uow.py turns them into the matching ErpError
SESSION_ENDED = "ERPSE"
PASSWORD_CHANGE_REQUIRED = "ERPPW"
INVALID_INPUT = "ERPIN"
NOT_FOUND = "ERPNF"
INSUFFICIENT_PRIVILEGE = "42501"

# tables without org_id, reached through their parent (whose own policy scopes the organisation)
CHILD_TABLES = {
    "part_stages": ("parts", "part_id"),
    "task_events": ("tasks", "task_id"),
    "task_comments": ("tasks", "task_id"),
    "task_reads": ("tasks", "task_id"),
    "reservation_lines": ("reservations", "reservation_id"),
    "purchase_order_lines": ("purchase_orders", "order_id"),
    "purchase_order_events": ("purchase_orders", "order_id"),
    "bom_lines": ("boms", "bom_id"),
}
# columns the desktops' login may never read
SECRET_COLUMNS = {"users": ("password_hash",), "user_sessions": ("token_hash",)}
# not organisation data: readable by every desktop, written only by the owner
SHARED_TABLES = ("alembic_version", "erp_permissions", "security_settings", "erp_task_transitions")


@dataclass(frozen=True)
class RoleNames:
    owner: str
    migrator: str
    desktop: str

    @classmethod
    def from_prefix(cls, prefix: str) -> RoleNames:
        return cls(f"{prefix}_owner", f"{prefix}_migrator", f"{prefix}_desktop")

    @classmethod
    def from_owner(cls, owner: str) -> RoleNames:
        if not owner.endswith("_owner"):
            raise ValueError(f"the schema owner '{owner}' is not named <prefix>_owner (see erp-desktop db setup)")
        return cls.from_prefix(owner[: -len("_owner")])


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# --------------------------------------------------------------------------- the identity functions

_IDENTITY_SQL = r"""
-- The schema owner's oid is written in as a constant, read by apply() (after every upgrade; db setup's
-- reassignment of an old plant's objects comes before its upgrade), not looked up: so these stay one
-- expression PostgreSQL inlines. Every policy calls erp_is_owner(), and a SQL function with a sub-select is
-- parsed and planned anew on every statement (80 us each, some 30 times per stock issue).
CREATE OR REPLACE FUNCTION erp_is_owner() RETURNS boolean LANGUAGE sql STABLE AS $$
    -- true inside the owner's own functions and for the migration login; never for the desktops' login
    SELECT {is_owner}
$$;

-- the login itself works for the owner (migrations, the trusted command line): it has no session to check
CREATE OR REPLACE FUNCTION erp_trusted_login() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(session_user, {owner}::oid, 'USAGE')
$$;

-- STABLE as convert_to() is: an IMMUTABLE SQL function over a STABLE body is never inlined, and then it is
-- parsed and planned again on every call
CREATE OR REPLACE FUNCTION erp_token_hash(p_token text) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(convert_to(p_token, 'UTF8'))
$$;

-- What a live session is, written once: the one the token names, open, not expired, its user active, in a
-- READ COMMITTED transaction (a REPEATABLE READ or SERIALIZABLE one would check the session against its first
-- snapshot for as long as it stays open: an administrator ending the session, or moving its expiry, would never
-- reach it). No row otherwise. A SQL table function without SET clauses, STABLE with STABLE calls only (the
-- statement's clock, not clock_timestamp()): PostgreSQL inlines it into the query that reads it, so the issue
-- procedure checks the session inside its first statement instead of in a statement and a call of its own.
-- The token's hash as a sub-select: computed once per statement, where a filter of a sequential scan (the
-- plan of a small sessions table) hashed the token again for every open session.
CREATE OR REPLACE FUNCTION erp_live_session()
RETURNS TABLE (session_id integer, org_id integer, user_id integer, role text, must_change_password boolean)
LANGUAGE sql STABLE AS $$
    SELECT s.id, s.org_id, s.user_id, u.role::text, u.must_change_password
      FROM user_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = (SELECT erp_token_hash(current_setting('erp.token', true)))
       AND s.ended_at IS NULL AND s.expires_at > (statement_timestamp() AT TIME ZONE 'UTC') AND u.is_active
       AND current_setting('transaction_isolation') = 'read committed'
$$;

-- The session the token names, checked: raises when it has ended or must change its password first. Called
-- by the owner's functions only (erp_current, erp_begin, the issue procedure), as the owner. One PL/pgSQL
-- body with one statement (its plan kept): every statement of a desktop pays for it. It was four functions
-- (the isolation check and the session row each their own, the row read through a function scan); a call of
-- a PL/pgSQL function costs more than the test it wraps.
DROP FUNCTION IF EXISTS erp_session_row();
DROP FUNCTION IF EXISTS erp_require_read_committed();
CREATE OR REPLACE FUNCTION erp_checked_session(p_password_change boolean,
    OUT session_id integer, OUT org_id integer, OUT user_id integer, OUT role text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_must_change boolean;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN  -- said apart (erp_live_session)
        RAISE EXCEPTION 'A desktop works in READ COMMITTED transactions only.' USING ERRCODE = '42501';
    END IF;
    SELECT l.session_id, l.org_id, l.user_id, l.role, l.must_change_password
      INTO session_id, org_id, user_id, role, v_must_change
      FROM erp_live_session() l;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Your session has ended. Please sign in again.' USING ERRCODE = 'ERPSE';
    END IF;
    IF v_must_change AND NOT p_password_change THEN
        RAISE EXCEPTION 'Change your password before you continue.' USING ERRCODE = 'ERPPW';
    END IF;
END
$$;

-- the signed-in identity of this statement; raises when there is none (a trusted login gets NULLs)
CREATE OR REPLACE FUNCTION erp_current(p_password_change boolean DEFAULT false,
    OUT session_id integer, OUT org_id integer, OUT user_id integer, OUT role text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v record;
BEGIN
    IF erp_trusted_login() THEN
        RETURN;
    END IF;
    v := erp_checked_session(p_password_change);  -- an expression, not a function scan with its tuple store
    session_id := v.session_id; org_id := v.org_id; user_id := v.user_id; role := v.role;
END
$$;

CREATE OR REPLACE FUNCTION erp_org() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT (erp_current()).org_id $$;
CREATE OR REPLACE FUNCTION erp_user() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT (erp_current()).user_id $$;

CREATE OR REPLACE FUNCTION erp_may(p_ops text[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_role text := (erp_current()).role;
BEGIN
    RETURN EXISTS (SELECT 1 FROM erp_permissions WHERE role = v_role AND op = ANY (p_ops));
END
$$;

CREATE OR REPLACE FUNCTION erp_require(p_op text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT erp_may(ARRAY[p_op]) THEN
        RAISE EXCEPTION 'Your role may not do that (%).', p_op USING ERRCODE = '42501';
    END IF;
END
$$;

-- the first statement of every unit of work: the token for this transaction, checked at once
CREATE OR REPLACE FUNCTION erp_begin(p_token text, OUT session_id integer, OUT org_id integer,
    OUT user_id integer, OUT role text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('erp.token', coalesce(p_token, ''), true);
    SELECT * INTO session_id, org_id, user_id, role FROM erp_checked_session(false);
END
$$;
"""

# --------------------------------------------------------------------------- sign-in, sessions, users

_ACCOUNT_SQL = r"""
CREATE OR REPLACE FUNCTION erp_settings() RETURNS security_settings
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT * FROM security_settings WHERE id = 1
$$;

CREATE OR REPLACE FUNCTION erp_now() RETURNS timestamp LANGUAGE sql VOLATILE AS $$
    SELECT clock_timestamp() AT TIME ZONE 'UTC'
$$;

-- bcrypt through pgcrypto, which writes the $2b$ prefix of Python's bcrypt as $2a$ (the same algorithm)
CREATE OR REPLACE FUNCTION erp_password_matches(p_password text, p_hash text) RETURNS boolean
LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
    SELECT crypt(p_password, '$2a$' || substr(p_hash, 5)) = '$2a$' || substr(p_hash, 5)
$$;

CREATE OR REPLACE FUNCTION erp_hash_cost(p_hash text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_hash ~ '^\$2[aby]\$[0-9][0-9]\$' THEN substr(p_hash, 5, 2)::integer ELSE 0 END
$$;

-- extra bcrypt work so that checking a hash of cost p_cost costs as much as one of p_target
CREATE OR REPLACE FUNCTION erp_pad_hash_work(p_cost integer, p_target integer) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
    missing bigint := (1::bigint << p_target) - (1::bigint << greatest(p_cost, 4));
    bit integer;
BEGIN
    IF p_cost >= p_target THEN
        RETURN;
    END IF;
    FOR bit IN REVERSE 30 .. 4 LOOP
        IF missing >= (1::bigint << bit) THEN
            PERFORM crypt('padding', gen_salt('bf', bit));
            missing := missing - (1::bigint << bit);
        END IF;
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION erp_check_new_password(p_password text, p_username text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    v_min integer := (erp_settings()).min_password_length;
BEGIN
    IF p_password IS NULL OR btrim(p_password) = '' THEN
        RAISE EXCEPTION 'Enter a password that is not only spaces.' USING ERRCODE = 'ERPIN', COLUMN = 'password';
    END IF;
    IF char_length(p_password) < v_min THEN
        RAISE EXCEPTION 'A password needs at least % characters.', v_min USING ERRCODE = 'ERPIN', COLUMN = 'password';
    END IF;
    IF octet_length(p_password) > 72 THEN
        RAISE EXCEPTION 'A password can be at most 72 bytes long (fewer letters in Cyrillic).'
              USING ERRCODE = 'ERPIN', COLUMN = 'password';
    END IF;
    IF lower(p_password) = lower(coalesce(p_username, '')) THEN
        RAISE EXCEPTION 'The password must not be the user name.' USING ERRCODE = 'ERPIN', COLUMN = 'password';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION erp_new_hash(p_password text) RETURNS text
LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
    SELECT crypt(p_password, gen_salt('bf', (erp_settings()).password_hash_cost))
$$;

CREATE OR REPLACE FUNCTION erp_audit(p_org integer, p_user integer, p_entity text, p_entity_id text, p_action text,
                                     p_before json, p_after json) RETURNS void
LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
    INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
    VALUES (p_org, p_user, erp_now(), p_entity, coalesce(p_entity_id, ''), p_action, p_before, p_after)
$$;

CREATE OR REPLACE FUNCTION erp_notify(p_org integer, p_topic text, p_id bigint) RETURNS void
LANGUAGE sql VOLATILE AS $$
    SELECT pg_notify('erp_changes', json_build_object('org', p_org, 'topic', p_topic, 'ids', json_build_array(p_id))::text)
$$;

-- Sign-in: password check, lockout and the session, all here. Unknown and known names cost the same bcrypt
-- work (the plant's cost): an unknown name checks against a fresh salt of that cost, a hash of a lower cost
-- gets the missing work added and is re-hashed at the plant's cost once the password is right.
CREATE OR REPLACE FUNCTION erp_sign_in(p_username text, p_password text, p_host text)
RETURNS TABLE (outcome text, minutes integer, token text, session_id integer, user_id integer, org_id integer,
               username text, full_name text, role text, must_change boolean, org_name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    s security_settings := erp_settings();
    v_key text := erp_fold(btrim(coalesce(p_username, '')));
    v_user users;
    v_throttle sign_in_throttle;
    v_now timestamp := erp_now();
    v_ok boolean;
    v_cost integer;
    v_token text;
    v_session integer;
    v_org integer;
BEGIN
    IF v_key = '' OR char_length(v_key) > 64 THEN
        PERFORM crypt(coalesce(p_password, ''), gen_salt('bf', s.password_hash_cost));
        RETURN QUERY SELECT 'failed'::text, NULL::integer, NULL::text, NULL::integer, NULL::integer, NULL::integer,
                            NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::text;
        RETURN;
    END IF;
    INSERT INTO sign_in_throttle AS t (username, failed_attempts) VALUES (v_key, 0) ON CONFLICT (username) DO NOTHING;
    SELECT * INTO v_throttle FROM sign_in_throttle t WHERE t.username = v_key FOR UPDATE;
    SELECT * INTO v_user FROM users u WHERE erp_fold(u.username) = v_key;
    IF v_throttle.locked_until IS NOT NULL AND v_throttle.locked_until > v_now THEN
        RETURN QUERY SELECT 'locked'::text,
            greatest(1, ceil(extract(epoch FROM v_throttle.locked_until - v_now) / 60)::integer),
            NULL::text, NULL::integer, NULL::integer, NULL::integer, NULL::text, NULL::text, NULL::text,
            NULL::boolean, NULL::text;
        RETURN;
    END IF;
    IF v_user.id IS NULL THEN
        PERFORM crypt(coalesce(p_password, ''), gen_salt('bf', s.password_hash_cost));
        v_ok := false;
    ELSE
        v_cost := erp_hash_cost(v_user.password_hash);
        -- bcrypt reads 72 bytes: a longer password would match on its first 72 alone
        v_ok := erp_password_matches(coalesce(p_password, ''), v_user.password_hash)
                AND octet_length(coalesce(p_password, '')) <= 72;
        PERFORM erp_pad_hash_work(v_cost, s.password_hash_cost);
    END IF;
    IF NOT v_ok OR NOT v_user.is_active THEN
        UPDATE sign_in_throttle t SET failed_attempts = t.failed_attempts + 1 WHERE t.username = v_key
        RETURNING * INTO v_throttle;
        -- a name no account has: the organisation's administrators see it when the server holds one
        v_org := coalesce(v_user.org_id, (SELECT min(o.id) FROM organizations o HAVING count(*) = 1));
        PERFORM erp_audit(v_org, v_user.id, 'sign_in', coalesce(v_user.id::text, ''), 'failed', NULL,
                          json_build_object('username', btrim(p_username)));
        PERFORM erp_notify(v_org, 'audit', 0);
        IF v_throttle.failed_attempts >= s.max_failed_attempts THEN
            UPDATE sign_in_throttle t SET failed_attempts = 0,
                   locked_until = v_now + make_interval(mins => s.lockout_minutes) WHERE t.username = v_key;
            PERFORM erp_audit(v_org, v_user.id, 'sign_in', coalesce(v_user.id::text, ''), 'locked', NULL,
                              json_build_object('username', btrim(p_username), 'minutes', s.lockout_minutes));
            RETURN QUERY SELECT 'locked'::text, s.lockout_minutes, NULL::text, NULL::integer, NULL::integer,
                                NULL::integer, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::text;
            RETURN;
        END IF;
        RETURN QUERY SELECT 'failed'::text, NULL::integer, NULL::text, NULL::integer, NULL::integer, NULL::integer,
                            NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::text;
        RETURN;
    END IF;
    UPDATE sign_in_throttle t SET failed_attempts = 0, locked_until = NULL WHERE t.username = v_key;
    IF v_cost <> s.password_hash_cost THEN
        UPDATE users u SET password_hash = crypt(p_password, gen_salt('bf', s.password_hash_cost)) WHERE u.id = v_user.id;
    END IF;
    UPDATE users u SET last_sign_in_at = v_now WHERE u.id = v_user.id;
    v_token := encode(gen_random_bytes(32), 'hex');
    INSERT INTO user_sessions (org_id, user_id, host, started_at, last_seen_at, end_reason, token_hash, expires_at)
    VALUES (v_user.org_id, v_user.id, left(coalesce(p_host, ''), 200), v_now, v_now, '', erp_token_hash(v_token),
            v_now + make_interval(hours => s.session_hours))
    RETURNING id INTO v_session;
    PERFORM erp_audit(v_user.org_id, v_user.id, 'session', v_session::text, 'sign_in', NULL,
                      json_build_object('username', v_user.username, 'host', left(coalesce(p_host, ''), 200)));
    PERFORM erp_notify(v_user.org_id, 'sessions', v_session);
    RETURN QUERY SELECT 'ok'::text, NULL::integer, v_token, v_session, v_user.id, v_user.org_id, v_user.username::text,
                        v_user.full_name::text, v_user.role::text, v_user.must_change_password,
                        (SELECT o.name FROM organizations o WHERE o.id = v_user.org_id)::text;
END
$$;

CREATE OR REPLACE FUNCTION erp_sign_out(p_token text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v user_sessions;
BEGIN
    UPDATE user_sessions s SET ended_at = erp_now(), end_reason = 'signed out'
     WHERE s.token_hash = erp_token_hash(p_token) AND s.ended_at IS NULL
    RETURNING * INTO v;
    IF v.id IS NOT NULL THEN
        PERFORM erp_audit(v.org_id, v.user_id, 'session', v.id::text, 'sign_out', NULL, NULL);
        PERFORM erp_notify(v.org_id, 'sessions', v.id);
    END IF;
END
$$;

-- the idle lock: the same user proves it is still them; the session is renewed
CREATE OR REPLACE FUNCTION erp_unlock(p_token text, p_password text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v record;
    v_hash text;
    v_ok boolean;
BEGIN
    PERFORM set_config('erp.token', coalesce(p_token, ''), true);
    SELECT * INTO v FROM erp_current(true);
    SELECT u.password_hash INTO v_hash FROM users u WHERE u.id = v.user_id;
    v_ok := erp_password_matches(coalesce(p_password, ''), v_hash);
    PERFORM erp_pad_hash_work(erp_hash_cost(v_hash), (erp_settings()).password_hash_cost);
    IF NOT v_ok THEN
        PERFORM erp_audit(v.org_id, v.user_id, 'session', v.session_id::text, 'unlock_failed', NULL, NULL);
        RETURN false;
    END IF;
    UPDATE user_sessions s SET last_seen_at = erp_now(),
           expires_at = erp_now() + make_interval(hours => (erp_settings()).session_hours)
     WHERE s.id = v.session_id;
    RETURN true;
END
$$;

CREATE OR REPLACE FUNCTION erp_change_own_password(p_token text, p_old text, p_new text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v record;
    v_user users;
BEGIN
    PERFORM set_config('erp.token', coalesce(p_token, ''), true);
    SELECT * INTO v FROM erp_current(true);
    SELECT * INTO v_user FROM users u WHERE u.id = v.user_id FOR UPDATE;
    IF NOT erp_password_matches(coalesce(p_old, ''), v_user.password_hash) THEN
        RAISE EXCEPTION 'The current password is wrong.' USING ERRCODE = 'ERPAU';
    END IF;
    PERFORM erp_check_new_password(p_new, v_user.username);
    IF p_old = p_new THEN
        RAISE EXCEPTION 'Choose a new password different from the current one.' USING ERRCODE = 'ERPIN';
    END IF;
    UPDATE users u SET password_hash = erp_new_hash(p_new), must_change_password = false,
           version = u.version + 1 WHERE u.id = v_user.id;
    PERFORM erp_audit(v.org_id, v.user_id, 'user', v.user_id::text, 'change_password', NULL, NULL);
END
$$;

CREATE OR REPLACE FUNCTION erp_user_snapshot(p_user users) RETURNS json LANGUAGE sql IMMUTABLE AS $$
    SELECT json_build_object('username', p_user.username, 'full_name', p_user.full_name, 'role', p_user.role,
                             'is_active', p_user.is_active, 'must_change_password', p_user.must_change_password)
$$;

CREATE OR REPLACE FUNCTION erp_admin_of(p_user_id integer, p_version integer) RETURNS users
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users;
BEGIN
    PERFORM erp_require('manage_users');
    SELECT * INTO v FROM users u WHERE u.id = p_user_id AND u.org_id = erp_org() FOR UPDATE;
    IF v.id IS NULL THEN
        RAISE EXCEPTION 'That user does not exist (any more).' USING ERRCODE = 'ERPNF';
    END IF;
    IF p_version IS NOT NULL AND v.version <> p_version THEN
        RAISE EXCEPTION 'This user was changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.'
              USING ERRCODE = 'ERPCM';
    END IF;
    RETURN v;
END
$$;

CREATE OR REPLACE FUNCTION erp_other_active_admins(p_org integer, p_user_id integer) RETURNS bigint
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT count(*) FROM users u WHERE u.org_id = p_org AND u.role = 'admin' AND u.is_active AND u.id <> p_user_id
$$;

CREATE OR REPLACE FUNCTION erp_create_user(p_username text, p_full_name text, p_role text, p_password text)
RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users;
BEGIN
    PERFORM erp_require('manage_users');
    IF NOT EXISTS (SELECT 1 FROM erp_permissions WHERE role = p_role) THEN
        RAISE EXCEPTION 'Unknown role ''%''.', p_role USING ERRCODE = 'ERPIN', COLUMN = 'role';
    END IF;
    IF EXISTS (SELECT 1 FROM users u WHERE erp_fold(u.username) = erp_fold(btrim(p_username))) THEN
        RAISE EXCEPTION 'The user name ''%'' is taken. Choose another.', btrim(p_username)
              USING ERRCODE = 'ERPIN', COLUMN = 'username';
    END IF;
    PERFORM erp_check_new_password(p_password, p_username);
    INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, must_change_password, created_at,
                       version)
    VALUES (erp_org(), btrim(p_username), btrim(coalesce(p_full_name, '')), p_role, erp_new_hash(p_password), true,
            true, erp_now(), 1)
    RETURNING * INTO v;
    PERFORM erp_audit(v.org_id, erp_user(), 'user', v.id::text, 'create', NULL, erp_user_snapshot(v));
    PERFORM erp_notify(v.org_id, 'users', v.id);
    RETURN v.id;
END
$$;

CREATE OR REPLACE FUNCTION erp_update_user(p_user_id integer, p_version integer, p_full_name text, p_role text)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users := erp_admin_of(p_user_id, p_version);
    v_after users;
BEGIN
    IF p_role IS NOT NULL AND p_role <> v.role THEN
        IF NOT EXISTS (SELECT 1 FROM erp_permissions WHERE role = p_role) THEN
            RAISE EXCEPTION 'Unknown role ''%''.', p_role USING ERRCODE = 'ERPIN', COLUMN = 'role';
        END IF;
        IF v.role = 'admin' AND erp_other_active_admins(v.org_id, v.id) = 0 THEN
            RAISE EXCEPTION 'This is the last active administrator; make someone else an administrator first.'
                  USING ERRCODE = 'ERPIN';
        END IF;
    END IF;
    UPDATE users u SET role = coalesce(p_role, u.role), full_name = coalesce(btrim(p_full_name), u.full_name),
           version = u.version + 1
     WHERE u.id = v.id RETURNING * INTO v_after;
    PERFORM erp_audit(v.org_id, erp_user(), 'user', v.id::text, 'update', erp_user_snapshot(v),
                      erp_user_snapshot(v_after));
    PERFORM erp_notify(v.org_id, 'users', v.id);
END
$$;

CREATE OR REPLACE FUNCTION erp_end_sessions_of(p_user_id integer, p_reason text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
DECLARE
    v_id integer;
BEGIN
    FOR v_id IN UPDATE user_sessions s SET ended_at = erp_now(), ended_by = erp_user(), end_reason = p_reason
                 WHERE s.user_id = p_user_id AND s.ended_at IS NULL RETURNING s.id LOOP
        PERFORM erp_audit(erp_org(), erp_user(), 'session', v_id::text, 'end', NULL, json_build_object('reason', p_reason));
        PERFORM erp_notify(erp_org(), 'sessions', v_id);
    END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION erp_set_user_active(p_user_id integer, p_version integer, p_active boolean)
RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users := erp_admin_of(p_user_id, p_version);
    v_after users;
BEGIN
    IF NOT p_active AND v.id = erp_user() THEN
        RAISE EXCEPTION 'You cannot deactivate yourself.' USING ERRCODE = 'ERPIN';
    END IF;
    IF NOT p_active AND v.role = 'admin' AND erp_other_active_admins(v.org_id, v.id) = 0 THEN
        RAISE EXCEPTION 'This is the last active administrator and cannot be deactivated.' USING ERRCODE = 'ERPIN';
    END IF;
    UPDATE users u SET is_active = p_active, version = u.version + 1 WHERE u.id = v.id RETURNING * INTO v_after;
    IF NOT p_active THEN
        PERFORM erp_end_sessions_of(v.id, 'account deactivated');
    END IF;
    PERFORM erp_audit(v.org_id, erp_user(), 'user', v.id::text, CASE WHEN p_active THEN 'activate' ELSE 'deactivate' END,
                      erp_user_snapshot(v), erp_user_snapshot(v_after));
    PERFORM erp_notify(v.org_id, 'users', v.id);
END
$$;

CREATE OR REPLACE FUNCTION erp_reset_password(p_user_id integer, p_password text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users := erp_admin_of(p_user_id, NULL);
BEGIN
    PERFORM erp_check_new_password(p_password, v.username);
    UPDATE users u SET password_hash = erp_new_hash(p_password), must_change_password = true,
           version = u.version + 1 WHERE u.id = v.id;
    DELETE FROM sign_in_throttle t WHERE t.username = erp_fold(v.username);
    PERFORM erp_audit(v.org_id, erp_user(), 'user', v.id::text, 'reset_password', NULL, NULL);
    PERFORM erp_notify(v.org_id, 'users', v.id);
END
$$;

-- a locked-out user of the admin's organisation may sign in again at once
CREATE OR REPLACE FUNCTION erp_unlock_user(p_user_id integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v users := erp_admin_of(p_user_id, NULL);
BEGIN
    DELETE FROM sign_in_throttle t WHERE t.username = erp_fold(v.username);
    PERFORM erp_audit(v.org_id, erp_user(), 'user', v.id::text, 'unlock', NULL, NULL);
    PERFORM erp_notify(v.org_id, 'users', v.id);
END
$$;

-- the users of the caller's organisation locked out now (for an administrator; nothing for anyone else)
CREATE OR REPLACE FUNCTION erp_user_locks() RETURNS TABLE (user_id integer, locked_until timestamp)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, t.locked_until FROM users u JOIN sign_in_throttle t ON t.username = erp_fold(u.username)
    WHERE u.org_id = erp_org() AND t.locked_until > erp_now() AND erp_may(ARRAY['manage_users'])
$$;

DROP FUNCTION IF EXISTS erp_end_session(integer);
CREATE OR REPLACE FUNCTION erp_end_session(p_session_id integer, p_reason text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v user_sessions;
    v_reason text := left(coalesce(nullif(btrim(p_reason), ''), 'ended by an administrator'), 100);
BEGIN
    PERFORM erp_require('manage_sessions');
    SELECT * INTO v FROM user_sessions s WHERE s.id = p_session_id AND s.org_id = erp_org() FOR UPDATE;
    IF v.id IS NULL THEN
        RAISE EXCEPTION 'That session does not exist.' USING ERRCODE = 'ERPNF';
    END IF;
    IF v.ended_at IS NULL THEN
        UPDATE user_sessions s SET ended_at = erp_now(), ended_by = erp_user(), end_reason = v_reason
         WHERE s.id = v.id;
        PERFORM erp_audit(v.org_id, erp_user(), 'session', v.id::text, 'end', NULL, json_build_object('reason', v_reason));
        PERFORM erp_notify(v.org_id, 'sessions', v.id);
    END IF;
END
$$;

-- an empty database: the first administrator (only while no user exists at all)
CREATE OR REPLACE FUNCTION erp_has_users() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM users)
$$;

CREATE OR REPLACE FUNCTION erp_create_first_admin(p_username text, p_full_name text, p_password text,
                                                  p_organization text) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_org integer;
    v users;
BEGIN
    LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;
    IF EXISTS (SELECT 1 FROM users) THEN
        RAISE EXCEPTION 'This database already has users; ask an administrator to create your account.'
              USING ERRCODE = '42501';
    END IF;
    PERFORM erp_check_new_password(p_password, p_username);
    INSERT INTO organizations (name, created_at) VALUES (btrim(p_organization), erp_now())
    ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id INTO v_org;
    INSERT INTO users (org_id, username, full_name, role, password_hash, is_active, must_change_password, created_at,
                       version)
    VALUES (v_org, btrim(p_username), btrim(coalesce(p_full_name, '')), 'admin', erp_new_hash(p_password), true, false,
            erp_now(), 1)
    RETURNING * INTO v;
    PERFORM erp_audit(v_org, v.id, 'user', v.id::text, 'create_admin', NULL,
                      json_build_object('username', v.username, 'organization', btrim(p_organization)));
    RETURN v.id;
END
$$;

CREATE OR REPLACE FUNCTION erp_update_security_settings(p_version integer, p_max_failed_attempts integer,
    p_lockout_minutes integer, p_idle_lock_minutes integer, p_min_password_length integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v security_settings;
    v_after security_settings;
BEGIN
    PERFORM erp_require('manage_settings');
    SELECT * INTO v FROM security_settings WHERE id = 1 FOR UPDATE;
    IF v.version <> p_version THEN
        RAISE EXCEPTION 'The settings were changed by someone else meanwhile. The latest values have been loaded; check them and make your change again.'
              USING ERRCODE = 'ERPCM';
    END IF;
    UPDATE security_settings SET max_failed_attempts = p_max_failed_attempts, lockout_minutes = p_lockout_minutes,
           idle_lock_minutes = p_idle_lock_minutes, min_password_length = p_min_password_length,
           version = version + 1 WHERE id = 1 RETURNING * INTO v_after;
    PERFORM erp_audit(erp_org(), erp_user(), 'settings', 'security', 'update', row_to_json(v), row_to_json(v_after));
    RETURN v_after.version;
END
$$;
"""

# --------------------------------------------------------------------------- stock only through the journal

# {movement_ops}: CASE NEW.kind WHEN 'receipt' THEN 'receive_stock' ... (rendered from domain/server_rights)
_JOURNAL_SQL = r"""
CREATE OR REPLACE FUNCTION erp_apply_movement() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_lot lots;
    v_rows integer;
    v_shape boolean;
    v_part integer;
BEGIN
    SELECT * INTO v_lot FROM lots WHERE id = NEW.lot_id;
    IF NOT erp_trusted_login() THEN
        IF NOT erp_may(ARRAY[{movement_ops}]) OR (NEW.kind = 'receipt' AND NEW.quality_to IS DISTINCT FROM 'PENDING'
                                                  AND NOT erp_may(ARRAY['change_quality'])) THEN
            RAISE EXCEPTION 'Your role may not record a % movement.', NEW.kind USING ERRCODE = '42501';
        END IF;
        IF v_lot.org_id IS DISTINCT FROM NEW.org_id OR v_lot.product_id <> NEW.product_id
           OR v_lot.warehouse_id <> NEW.warehouse_id OR NEW.unit_cost <> v_lot.unit_cost
           OR NEW.value <> round(NEW.qty * NEW.unit_cost, 7) THEN
            RAISE EXCEPTION 'A movement must carry its lot''s product, warehouse and unit cost, and value = qty x cost.'
                  USING ERRCODE = 'ERPIN';
        END IF;
        v_shape := CASE NEW.kind
            WHEN 'receipt' THEN NEW.qty > 0 AND NEW.reserved_delta = 0
            WHEN 'transfer_in' THEN NEW.qty > 0 AND NEW.reserved_delta = 0
            WHEN 'issue' THEN NEW.qty < 0 AND (NEW.reserved_delta = 0 OR NEW.reserved_delta = NEW.qty)
            WHEN 'transfer_out' THEN NEW.qty < 0 AND NEW.reserved_delta = 0
            WHEN 'adjustment' THEN NEW.qty <> 0 AND NEW.reserved_delta = 0
            WHEN 'reservation' THEN NEW.qty = 0 AND NEW.reserved_delta > 0
            WHEN 'release' THEN NEW.qty = 0 AND NEW.reserved_delta < 0
            WHEN 'quality' THEN NEW.qty = 0 AND NEW.reserved_delta = 0 AND NEW.quality_to IS NOT NULL
            WHEN 'return' THEN NEW.qty > 0 AND NEW.reserved_delta = 0 AND NEW.quality_to IS NULL
            WHEN 'output' THEN NEW.qty > 0 AND NEW.reserved_delta = 0 AND NEW.quality_to = 'PENDING'
            ELSE false END;
        IF NOT v_shape OR (NEW.kind IN ('issue', 'reservation') AND v_lot.quality <> 'APPROVED') THEN
            RAISE EXCEPTION 'This % movement does not fit the ledger''s rules.', NEW.kind USING ERRCODE = 'ERPIN';
        END IF;
    END IF;
    UPDATE lots SET on_hand = on_hand + NEW.qty, reserved = reserved + NEW.reserved_delta,
           quality = coalesce(NEW.quality_to, quality)
     WHERE id = NEW.lot_id;
    UPDATE stock_positions SET on_hand = on_hand + NEW.qty, reserved = reserved + NEW.reserved_delta
     WHERE product_id = NEW.product_id AND warehouse_id = NEW.warehouse_id;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows <> 1 THEN
        RAISE EXCEPTION 'No stock position for this movement.' USING ERRCODE = 'ERPIN';
    END IF;
    -- FIFO documents (an issue not of a reservation, a reservation) take nothing newer while older stock is free
    IF (NEW.kind = 'issue' AND NEW.reserved_delta = 0) OR NEW.kind = 'reservation' THEN
        IF EXISTS (SELECT 1 FROM lots o
                    WHERE o.product_id = NEW.product_id AND o.warehouse_id = NEW.warehouse_id
                      AND o.quality = 'APPROVED' AND o.on_hand > o.reserved
                      AND (o.received_at, o.id) < (v_lot.received_at, v_lot.id)) THEN
            RAISE EXCEPTION 'An older approved lot of this stock is still available: take stock oldest first.'
                  USING ERRCODE = 'ERPIN';
        END IF;
    END IF;
    -- What each part was issued and returned (part_issue_totals, migration 0011): an issue or return movement of
    -- a document for a part adds to its (part, product, warehouse) row, under the position's lock taken above
    IF NEW.kind IN ('issue', 'return') THEN
        SELECT part_id INTO v_part FROM stock_documents WHERE id = NEW.document_id;
        IF v_part IS NOT NULL THEN
            INSERT INTO part_issue_totals AS t (part_id, product_id, warehouse_id, org_id, issued, returned)
            VALUES (v_part, NEW.product_id, NEW.warehouse_id, NEW.org_id,
                    CASE WHEN NEW.kind = 'issue' THEN -NEW.qty ELSE 0 END,
                    CASE WHEN NEW.kind = 'return' THEN NEW.qty ELSE 0 END)
            ON CONFLICT (part_id, product_id, warehouse_id) DO UPDATE
               SET issued = t.issued + excluded.issued, returned = t.returned + excluded.returned;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- quantities change only as the effect of a movement (the function above runs as the owner)
CREATE OR REPLACE FUNCTION erp_guard_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF erp_is_owner() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.on_hand := 0;
        NEW.reserved := 0;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Stock changes only through the movement journal.' USING ERRCODE = '42501';
END
$$;

-- Every movement is applied by this trigger, except those of the issue procedure (erp_issue_stock_work): it
-- takes its lots in FIFO order under the position's lock and applies its own movements, one position update
-- per issue, and says so for its own statements with the transaction-local setting erp.balances_applied.
-- A desktop may set that setting, but its statements do not run as the owner, so theirs are applied and
-- checked here whatever it says. (The trigger for each of the issue's rows cost a third of its server time.)
-- It also keeps the part totals (the issue procedure adds its own issue once, not per lot).
DROP TRIGGER IF EXISTS stock_movements_apply ON stock_movements;
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
    FOR EACH ROW WHEN (NOT ({is_owner} AND coalesce(current_setting('erp.balances_applied', true), '') = 'on'))
    EXECUTE FUNCTION erp_apply_movement();

-- The part totals had a trigger of their own until the issue path was measured: every trigger's WHEN clause is
-- parsed and prepared again for each INSERT statement (about 14 us of the issue procedure's 350 us on the server).
DROP TRIGGER IF EXISTS stock_movements_part_totals ON stock_movements;
DROP FUNCTION IF EXISTS erp_apply_part_issue();
-- the guards let the owner through (their first test): skipped for it without calling them. In WHEN,
-- erp_is_owner()'s expression itself: a function there is inlined again, its text parsed, for every statement.
-- The desktops' login may not UPDATE the balance columns at all (grant_statements: UPDATE on the other columns
-- only, which SELECT ... FOR UPDATE needs), so the guards watch updates of the other columns only: an update of
-- a balance alone (the issue procedure's and erp_apply_movement's, as the owner) fires no trigger, and the
-- parsing of its WHEN clause for every statement is saved.
DROP TRIGGER IF EXISTS lots_balance_guard ON lots;
CREATE TRIGGER lots_balance_guard BEFORE INSERT OR DELETE OR UPDATE OF {lots_other_columns} ON lots
    FOR EACH ROW WHEN (NOT {is_owner}) EXECUTE FUNCTION erp_guard_balance();
DROP TRIGGER IF EXISTS stock_positions_balance_guard ON stock_positions;
CREATE TRIGGER stock_positions_balance_guard BEFORE INSERT OR DELETE OR UPDATE OF {stock_positions_other_columns}
    ON stock_positions FOR EACH ROW WHEN (NOT {is_owner}) EXECUTE FUNCTION erp_guard_balance();
"""


# --------------------------------------------------------------------------- facts and task moves

# the server's copy of domain/tasks.TRANSITIONS (rows rendered from it) and the four "who" rules it names
_TASK_SQL = r"""
DELETE FROM erp_task_transitions;
INSERT INTO erp_task_transitions (move, source, target, who, comment_required) VALUES {rows};

CREATE OR REPLACE FUNCTION erp_check_task_move() RETURNS trigger
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    t erp_task_transitions;
    me record;
    v_admin boolean;
    v_assignee boolean;
    v_creator boolean;
    v_allowed boolean;
BEGIN
    IF erp_trusted_login() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'open' THEN
            RAISE EXCEPTION 'A new task starts open.' USING ERRCODE = 'ERPIN';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status = OLD.status THEN
        IF NEW.creator_id <> OLD.creator_id THEN
            RAISE EXCEPTION 'A task''s creator never changes.' USING ERRCODE = '42501';
        END IF;
        -- an edit (domain/tasks.may_edit): an unfinished task's creator, a reviewer role or an administrator
        -- may name another assignee; anyone else changes it only by accepting
        IF (NEW.assignee_user_id IS DISTINCT FROM OLD.assignee_user_id
            OR NEW.assignee_role IS DISTINCT FROM OLD.assignee_role)
           AND NOT (OLD.status NOT IN ('done', 'cancelled')
                    AND (OLD.creator_id = (SELECT user_id FROM erp_current()) OR erp_may(ARRAY['review_tasks']))) THEN
            RAISE EXCEPTION 'A task''s assignee changes only by accepting it.' USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO t FROM erp_task_transitions WHERE source = OLD.status AND target = NEW.status;
    IF t.move IS NULL THEN
        RAISE EXCEPTION 'A task cannot move from % to %.', OLD.status, NEW.status USING ERRCODE = 'ERPIN';
    END IF;
    SELECT * INTO me FROM erp_current();
    v_admin := me.role = 'admin';
    v_assignee := OLD.assignee_user_id IS NOT NULL AND OLD.assignee_user_id = me.user_id;
    v_creator := OLD.creator_id = me.user_id;
    v_allowed := CASE t.who
        WHEN 'assignee_or_role_member' THEN (v_admin OR v_assignee
            OR (OLD.assignee_user_id IS NULL AND OLD.assignee_role = me.role))
            AND NEW.assignee_user_id IS NOT DISTINCT FROM coalesce(OLD.assignee_user_id, me.user_id)
        WHEN 'assignee' THEN v_assignee
        WHEN 'reviewer' THEN (v_creator OR erp_may(ARRAY['review_tasks'])) AND NOT (v_assignee AND NOT (v_creator OR v_admin))
        WHEN 'creator' THEN v_creator OR v_admin
        ELSE false END;
    IF NOT v_allowed THEN
        RAISE EXCEPTION 'You may not % this task.', replace(t.move, '_', ' ') USING ERRCODE = '42501';
    END IF;
    IF t.who <> 'assignee_or_role_member' AND (NEW.assignee_user_id IS DISTINCT FROM OLD.assignee_user_id
                                             OR NEW.assignee_role IS DISTINCT FROM OLD.assignee_role) THEN
        RAISE EXCEPTION 'A task''s assignee changes only by accepting it.' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS tasks_transition_check ON tasks;
CREATE TRIGGER tasks_transition_check BEFORE INSERT OR UPDATE ON tasks
    FOR EACH ROW EXECUTE FUNCTION erp_check_task_move();
"""


def _task_sql() -> str:
    from erp_desktop.domain.tasks import TRANSITIONS

    rows = ", ".join(
        f"({_literal(t.move.value)}, {_literal(source.value)}, {_literal(t.target.value)}, {_literal(t.who.value)}, "
        f"{'true' if t.comment_required else 'false'})"
        for t in TRANSITIONS.values() for source in sorted(t.sources))
    return _TASK_SQL.replace("{rows}", rows)


# --------------------------------------------------------------------------- every change audited by the server

# Every change a desktop makes to business data is written to the audit log by the server itself, under the
# user the session token names, in the same transaction (if it cannot be written, the change fails with it).
# The app's own audit entries say what was done in its words; these say which row changed and how, also for
# hand-written SQL. Journals and balances are not repeated here: the movement journal is that record.
_AUDIT_ROWS_SQL = r"""
CREATE OR REPLACE FUNCTION erp_audit_row_change() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_old jsonb;
    v_new jsonb;
    v_before jsonb;
    v_after jsonb;
BEGIN
    IF erp_trusted_login() THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW); END IF;
    IF TG_OP = 'UPDATE' THEN  -- only what changed
        SELECT jsonb_object_agg(key, v_old -> key), jsonb_object_agg(key, value) INTO v_before, v_after
          FROM jsonb_each(v_new) WHERE v_old -> key IS DISTINCT FROM value;
        IF v_after IS NULL THEN
            RETURN NULL;
        END IF;
    ELSE
        v_before := v_old;
        v_after := v_new;
    END IF;
    INSERT INTO audit_log (org_id, user_id, at, entity, entity_id, action, before, after)
    VALUES (erp_org(), erp_user(), erp_now(), TG_TABLE_NAME, coalesce(v_new ->> 'id', v_old ->> 'id', ''),
            'row_' || lower(TG_OP), v_before::json, v_after::json);
    RETURN NULL;
END
$$;
"""


def _audit_rows_sql(tables: list[str]) -> str:
    triggers = "".join(
        f"DROP TRIGGER IF EXISTS {table}_audit_row ON {table};\n"
        f"CREATE TRIGGER {table}_audit_row AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION erp_audit_row_change();\n"
        for table in tables if table in AUDITED_BY_SERVER)
    return _AUDIT_ROWS_SQL + triggers


def _journal_sql() -> str:
    cases = " ".join(f"WHEN {_literal(kind)} THEN {_literal(op.value)}" for kind, op in MOVEMENT_OPS.items())
    sql = _JOURNAL_SQL.replace("{movement_ops}", f"CASE NEW.kind {cases} END")
    for table in JOURNAL_BALANCES:
        sql = sql.replace(f"{{{table}_other_columns}}", ", ".join(_other_than_balances(table)))
    return sql


# the columns of a balance table (JOURNAL_BALANCES) that only movements change
BALANCE_COLUMNS = ("on_hand", "reserved")


def _other_than_balances(table: str) -> list[str]:
    return [c.name for c in Base.metadata.tables[table].columns if c.name not in BALANCE_COLUMNS]



# --------------------------------------------------------------------------- column rules

# A lot's quality status is changed only by those who may change quality (QC, admin), whatever SQL is sent: a
# stock clerk may update a lot's quantities (RLS lets every stock operation write lots) but not approve it. A new
# lot starts PENDING unless it is a slice of a lot with that quality (a transfer) or its writer may change quality.
# Fires only when the quality column is written: the issue's UPDATE of on_hand does not pay for it.
_QUALITY_SQL = rf"""
CREATE OR REPLACE FUNCTION erp_lot_quality_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF (TG_OP = 'UPDATE' AND NEW.quality IS DISTINCT FROM OLD.quality)
       OR (TG_OP = 'INSERT' AND NEW.quality <> 'PENDING'
           AND NEW.quality IS DISTINCT FROM (SELECT l.quality FROM lots l WHERE l.id = NEW.source_lot_id)) THEN
        IF NOT (erp_is_owner() OR erp_may(ARRAY[{_literal(Op.CHANGE_QUALITY.value)}])) THEN
            RAISE EXCEPTION 'Only a quality inspector may set a lot''s quality status.' USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS lots_quality_guard ON lots;
CREATE TRIGGER lots_quality_guard BEFORE INSERT OR UPDATE OF quality ON lots
    FOR EACH ROW WHEN (NOT {{is_owner}}) EXECUTE FUNCTION erp_lot_quality_guard();
"""

# --------------------------------------------------------------------------- purchasing

# What a purchase order line holds is the server's invariant too, whatever SQL is sent: at commit (deferred, so
# the line and its receipt rows may be written in either order) a line's received quantity equals its receipts
# less its returns, and a line whose received quantity went up holds no more than ordered x (1 + tolerance)
# (the product's own, else the plant's, else 0 %), rounded down to 0.001. Lowering the tolerance later never
# blocks a return (it only lowers what a line holds).
_PURCHASING_SQL = r"""
CREATE OR REPLACE FUNCTION erp_check_po_line_state(p_line integer, p_grew boolean) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_line purchase_order_lines;
    v_pct numeric;
    v_sum numeric;
    v_limit numeric;
BEGIN
    SELECT * INTO v_line FROM purchase_order_lines WHERE id = p_line;
    IF v_line.id IS NULL THEN
        RETURN;
    END IF;
    SELECT coalesce(sum(CASE WHEN r.kind = 'receipt' THEN r.qty ELSE -r.qty END), 0) INTO v_sum
      FROM purchase_receipts r WHERE r.line_id = p_line;
    IF v_line.received_qty <> v_sum THEN
        RAISE EXCEPTION 'Order line % holds %, but its receipts less its returns are %.', p_line,
              v_line.received_qty, v_sum USING ERRCODE = 'ERPIN';
    END IF;
    IF p_grew THEN
        SELECT coalesce((SELECT t.over_receipt_pct FROM product_tolerances t WHERE t.product_id = v_line.product_id),
                        (SELECT s.over_receipt_pct FROM purchasing_settings s JOIN purchase_orders o
                            ON o.org_id = s.org_id WHERE o.id = v_line.order_id), 0) INTO v_pct;
        v_limit := floor(v_line.qty * (100 + v_pct) / 100 * 1000) / 1000;
        IF v_sum > v_limit THEN
            RAISE EXCEPTION 'Order line % would hold %: more than the ordered % allows (at most %).', p_line, v_sum,
                  v_line.qty, v_limit USING ERRCODE = 'ERPIN';
        END IF;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION erp_check_po_line() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'purchase_receipts' THEN
        PERFORM erp_check_po_line_state(NEW.line_id, NEW.kind = 'receipt');
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM erp_check_po_line_state(NEW.id, true);
    ELSE
        PERFORM erp_check_po_line_state(NEW.id, NEW.received_qty > OLD.received_qty OR NEW.qty < OLD.qty);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS purchase_order_lines_check ON purchase_order_lines;
CREATE CONSTRAINT TRIGGER purchase_order_lines_check AFTER INSERT OR UPDATE ON purchase_order_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION erp_check_po_line();
DROP TRIGGER IF EXISTS purchase_receipts_check ON purchase_receipts;
CREATE CONSTRAINT TRIGGER purchase_receipts_check AFTER INSERT ON purchase_receipts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION erp_check_po_line();
"""

# functions the desktops' login calls by name (everything else it reaches only through policies or triggers)
DESKTOP_FUNCTIONS = (
    "erp_is_owner()", "erp_token_hash(text)", "erp_current(boolean)", "erp_org()", "erp_user()",
    "erp_may(text[])", "erp_begin(text)", "erp_sign_in(text, text, text)", "erp_sign_out(text)",
    "erp_unlock(text, text)", "erp_change_own_password(text, text, text)",
    "erp_create_user(text, text, text, text)", "erp_update_user(integer, integer, text, text)",
    "erp_set_user_active(integer, integer, boolean)", "erp_reset_password(integer, text)",
    "erp_end_session(integer, text)", "erp_unlock_user(integer)", "erp_user_locks()", "erp_has_users()", "erp_create_first_admin(text, text, text, text)",
    "erp_update_security_settings(integer, integer, integer, integer, integer)",
    "erp_issue_stock_work(text, bigint, bigint, numeric, bigint, text)",
    "erp_fold(text)",
)


ISSUE_PROCEDURE = ("erp_issue_stock(text, bigint, bigint, numeric, bigint, text, text, bigint, text, timestamp, "
                   "bigint[], bigint[], text[], numeric[], numeric[], numeric[], text, text, text, text, integer, integer)")

# --------------------------------------------------------------------------- policies and grants


def _org_tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables if "org_id" in t.c]


def _ops_array(ops) -> str:
    return "ARRAY[" + ", ".join(_literal(op.value) for op in sorted(ops)) + "]::text[]"


_OWNER = "(SELECT erp_is_owner())"


@dataclass(frozen=True)
class _Policies:
    """Renders policies in one of two shapes. Without a desktops' login (``desktop`` None), every policy is for
    every role and lets the schema owner through with its first branch, ``(SELECT erp_is_owner()) OR ...``.
    With it, the owner has one permissive policy of its own, ``TO owner USING (true)``, and every other policy
    is ``TO desktop`` without that branch: PostgreSQL picks a statement's policies by its role when it plans
    it, so the owner's functions (the issue procedure above all) plan no policy condition at all, and the
    desktops' statements lose a sub-plan each. The same rows either way: erp_is_owner() is true for the owner
    and its members and never for the desktops' login (a member of nothing); any other role now gets no
    policy at all, and so no rows."""

    owner: str | None = None
    desktop: str | None = None

    def either(self, condition: str) -> str:
        return condition if self.desktop else f"{_OWNER} OR {condition}"

    def create(self, name: str, table: str, options: str = "", *, using: str | None = None,
               check: str | None = None) -> str:
        target = f" TO {_ident(self.desktop)}" if self.desktop else ""
        clauses = (f" USING ({self.either(using)})" if using else "") + \
                  (f" WITH CHECK ({self.either(check)})" if check else "")
        return f"CREATE POLICY {name} ON {table}{options}{target}{clauses}"

    def owner_policy(self, table: str) -> list[str]:
        if not self.desktop:
            return []
        return [f"CREATE POLICY erp_owner ON {table} TO {_ident(self.owner)} USING (true) WITH CHECK (true)"]


def _scope(table: str) -> str:
    """The row-level condition that keeps organisations apart."""
    if table == "organizations":
        return "id = (SELECT erp_org())"
    if table in CHILD_TABLES:
        parent, column = CHILD_TABLES[table]
        return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column})"
    return "org_id = (SELECT erp_org())"


def _may(*ops: Op) -> str:
    """A policy's check that the session's role may do any of ``ops`` (once per statement)."""
    return f"(SELECT erp_may({_ops_array(ops)}))"


# services/production/facts.py's rule for who records a fact, for any INSERT: a QC stage's facts need record_qc_facts, other
# stages' record_own_facts, and a fact of someone else's work needs record_facts_for_anyone
_FACT_RECORDER = (
    f"(operator_id IS NULL OR operator_id = (SELECT erp_user()) OR {_may(Op.RECORD_FACTS_FOR_ANYONE)}) "
    f"AND EXISTS (SELECT 1 FROM stages s WHERE s.id = stage_id AND CASE WHEN s.is_qc "
    f"THEN {_may(Op.RECORD_QC_FACTS)} ELSE {_may(Op.RECORD_OWN_FACTS)} END)")


def policy_statements(tables: list[str], owner: str | None = None, desktop: str | None = None) -> list[str]:
    """The policies of ``tables``; targeted at the roles when both the owner and the desktops' login are named."""
    rules = _Policies(owner, desktop) if owner and desktop else _Policies()
    statements = []
    for table in tables:
        statements += [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY", f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY"]
        statements += rules.owner_policy(table)
        if table == "sign_in_throttle":  # only the owner's sign-in function touches it
            if not rules.desktop:
                statements.append(f"CREATE POLICY erp_owner_only ON {table} USING ({_OWNER}) WITH CHECK ({_OWNER})")
            continue
        scope = _scope(table)
        statements.append(rules.create("erp_org_scope", table, using=scope, check=scope))
        writers = TABLE_WRITERS.get(table) or APPEND_ONLY.get(table) or JOURNAL_BALANCES.get(table)
        if writers is not None:
            may, may_change = _may(*writers), _may(*CHANGE_WRITERS.get(table, writers))
            statements += [
                rules.create("erp_may_insert", table, " AS RESTRICTIVE FOR INSERT", check=may),
                rules.create("erp_may_update", table, " AS RESTRICTIVE FOR UPDATE", using=may_change),
                rules.create("erp_may_delete", table, " AS RESTRICTIVE FOR DELETE", using=may_change),
            ]
        if table in OWN_ROWS:
            own = f"{OWN_ROWS[table]} = (SELECT erp_user())"
            statements.append(rules.create("erp_own_rows", table, " AS RESTRICTIVE", using=own, check=own))
        if table in ACTING_USER_COLUMNS:
            acting = f"{ACTING_USER_COLUMNS[table]} = (SELECT erp_user())"
            statements.append(rules.create("erp_acting_user", table, " AS RESTRICTIVE FOR INSERT", check=acting))
        if table == "stage_facts":
            statements.append(rules.create("erp_fact_recorder", table, " AS RESTRICTIVE FOR INSERT",
                                           check=_FACT_RECORDER))
        if table == "audit_log":
            # the audit log is read by those who may read it (administrators)
            statements.append(rules.create("erp_may_read", table, " AS RESTRICTIVE FOR SELECT",
                                           using=_may(Op.VIEW_AUDIT)))
    return statements


def grant_statements(desktop: str, tables: list[str]) -> list[str]:
    who = _ident(desktop)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {who}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {who}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC, {who}",
        f"REVOKE ALL ON ALL PROCEDURES IN SCHEMA public FROM PUBLIC, {who}",
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}",
    ]
    columns_of = {t.name: [c.name for c in t.columns] for t in Base.metadata.sorted_tables}
    for table in tables:
        if table == "sign_in_throttle":
            continue
        if table in SECRET_COLUMNS:
            readable = [c for c in columns_of[table] if c not in SECRET_COLUMNS[table]]
            statements.append(f"GRANT SELECT ({', '.join(readable)}) ON {table} TO {who}")
        else:
            statements.append(f"GRANT SELECT ON {table} TO {who}")
        if table in TABLE_WRITERS or table in OWN_ROWS:
            statements.append(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {who}")
        elif table in JOURNAL_BALANCES:
            # UPDATE only so SELECT ... FOR UPDATE may lock: never of a balance; a trigger refuses the rest
            statements.append(f"GRANT INSERT ON {table} TO {who}")
            statements.append(f"GRANT UPDATE ({', '.join(_other_than_balances(table))}) ON {table} TO {who}")
        elif table in APPEND_ONLY:
            statements.append(f"GRANT INSERT ON {table} TO {who}")
    statements += [f"GRANT SELECT ON {table} TO {who}" for table in SHARED_TABLES]
    statements += [f"GRANT EXECUTE ON FUNCTION {fn} TO {who}" for fn in DESKTOP_FUNCTIONS]
    statements.append(f"GRANT EXECUTE ON PROCEDURE {ISSUE_PROCEDURE} TO {who}")
    return statements


def _drop_policies(connection: Connection) -> None:
    for table, name in connection.execute(text(
            "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")).all():
        connection.exec_driver_sql(f"DROP POLICY {_ident(name)} ON {_ident(table)}")


def sync_permissions(connection: Connection) -> None:
    """The server's copy of the permission matrix, equal to domain/roles.PERMISSIONS."""
    connection.exec_driver_sql("DELETE FROM erp_permissions")
    rows = [{"role": role.value, "op": op.value} for role, ops in PERMISSIONS.items() for op in ops]
    connection.execute(text("INSERT INTO erp_permissions (role, op) VALUES (:role, :op)"), rows)


def desktop_role(connection: Connection) -> str | None:
    """The desktops' login for this schema's owner, if the roles were set up (db setup)."""
    owner = connection.execute(text("SELECT pg_get_userbyid(relowner) FROM pg_class "
                                    "WHERE oid = 'public.users'::regclass")).scalar_one()
    try:
        names = RoleNames.from_owner(owner)
    except ValueError:
        return None
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": names.desktop}).first()
    return names.desktop if exists else None


def _run_script(connection: Connection, sql: str) -> None:
    """Several statements as they are (no parameters: the % of PL/pgSQL's RAISE stays a %)."""
    with connection.connection.driver_connection.cursor() as cursor:
        cursor.execute(sql)


def apply(connection: Connection) -> None:
    """Render every rule on the server (PostgreSQL; idempotent). Runs as the owner, after each upgrade."""
    owner = connection.execute(text("SELECT relowner FROM pg_class WHERE oid = 'public.users'::regclass")).scalar_one()
    is_owner = f"pg_has_role(current_user, {int(owner)}::oid, 'USAGE')"  # erp_is_owner()'s body, also in WHEN

    def render(sql: str) -> str:
        return sql.replace("{is_owner}", is_owner).replace("{owner}", str(int(owner)))

    _run_script(connection, render(_IDENTITY_SQL))
    _run_script(connection, _ACCOUNT_SQL)
    _run_script(connection, render(_journal_sql()))
    _run_script(connection, _task_sql())
    _run_script(connection, render(_QUALITY_SQL))
    _run_script(connection, _PURCHASING_SQL)
    sync_permissions(connection)
    connection.exec_driver_sql("INSERT INTO security_settings (id, max_failed_attempts, lockout_minutes, "
                               "idle_lock_minutes, min_password_length, password_hash_cost, session_hours, version) "
                               "VALUES (1, 5, 15, 15, 8, 12, 24, 1) ON CONFLICT (id) DO NOTHING")
    tables = [t.name for t in Base.metadata.sorted_tables if t.name not in SHARED_TABLES]
    _run_script(connection, _audit_rows_sql(tables))
    _drop_policies(connection)
    desktop = desktop_role(connection)
    owner_name = connection.execute(text("SELECT pg_get_userbyid(:oid)"), {"oid": owner}).scalar_one()
    for statement in policy_statements(tables, owner_name, desktop):
        connection.exec_driver_sql(statement)
    if desktop is not None:
        for statement in grant_statements(desktop, tables):
            connection.exec_driver_sql(statement)


def remove(connection: Connection) -> None:
    """Undo apply() (before a downgrade below the revision that introduced it)."""
    _drop_policies(connection)
    for table in [t.name for t in Base.metadata.sorted_tables]:
        if connection.execute(text("SELECT to_regclass(:t)"), {"t": f"public.{table}"}).scalar() is not None:
            connection.exec_driver_sql(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for (signature,) in connection.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'erp\\_%' AND p.prokind = 'f' "
            "AND p.proname NOT IN ('erp_refuse_change', 'erp_fold')")).all():
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {signature} CASCADE")
