"""User accounts: Argon2id password hashes, roles, sign-in."""
from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type, hash_secret

from models.accounts.tables import User
from models.errors import AuthenticationFailed, ValidationError
from models.org.units import set_township
from models.storage import settings, vault
from models.storage.db import db, server_guarded
from models.storage.record import utc_now
from models.writing import audit, services
from models.writing.actor import ROLE_PERMISSIONS, SYSTEM, Actor

MIN_PASSWORD_LENGTH = 8
MAX_FAILURES = 5
LOCK_MINUTES = 15
# Argon2id with OWASP's recommended setting (19 MiB, 2 passes, 1 lane): the library's default
# (64 MiB, 3 passes, 4 lanes) took a quarter of a second at every sign-in on a two-core office PC.
# A hash keeps its own parameters, so passwords set before still verify as they were made.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError.single("password", "密码", f"至少需要{MIN_PASSWORD_LENGTH}位")
    if password.strip() != password:
        raise ValidationError.single("password", "密码", "首尾不能是空格")


def has_users() -> bool:
    return User.live().exists()


def create_user(actor: Actor, *, username: str, display_name: str, role: str, password: str) -> User:
    check_password_strength(password)
    if User.select().where(User.username == username.strip()).exists():
        raise ValidationError.single("username", "用户名", f"“{username}”已被使用")
    data = {"username": username, "display_name": display_name, "role": role,
            "password_hash": _hasher.hash(password)}
    with db.atomic():
        user = services.create(actor, User, data).record
        _keep_second_hash(user.id, password)
        _wrap_archive_key(actor, user.id, password)
        if settings.get(vault.OPEN_WRAP) is not None:  # from now on only a password opens it elsewhere
            services.set_setting(actor, vault.OPEN_WRAP, None, summary="档案有了用户:收回无密码的档案密钥")
    return user


def holds_key(role: str) -> bool:
    """Whether a role's password may open the archive key (and so the keys it seals: the signing
    key of the township's packages, the district's key): the roles that export or administer.
    A reviewer's or viewer's password opens nothing in a copied archive."""
    return bool(ROLE_PERMISSIONS.get(role, frozenset()) & {"reports", "admin"})


def _wrap_archive_key(actor: Actor, user_id: str, password: str) -> None:
    """The archive key wrapped for this password, so it opens at this user's sign-in on any PC —
    for an active user of a role that holds the key; anyone else's wrap is removed."""
    user = User.get_by_id(user_id)
    wrapped = vault.user_wrap(password) if user.active and holds_key(user.role) else None
    if wrapped is not None:
        services.set_setting(actor, vault.USER_WRAP + user_id, wrapped, summary="用户的档案密钥")
    else:
        _remove_wrap(actor, user_id)


def _remove_wrap(actor: Actor, user_id: str) -> None:
    if settings.get(vault.USER_WRAP + user_id) is not None:
        services.set_setting(actor, vault.USER_WRAP + user_id, None, summary="收回用户的档案密钥")


def prune_key_wraps(actor: Actor) -> int:
    """Remove the archive key's wraps of users who no longer hold it (deactivated, removed, or of a
    role that does not); returns how many. Run at every sign-in (older archives wrapped it for
    every user)."""
    keeping = {u.id for u in User.live().where(User.active == True) if holds_key(u.role)}  # noqa: E712
    stale = [key[len(vault.USER_WRAP):] for key in vault.user_wrap_keys() if key[len(vault.USER_WRAP):] not in keeping]
    with db.atomic():
        for user_id in stale:
            _remove_wrap(actor, user_id)
    return len(stale)


def create_first_admin(*, password: str, username: str = "admin", display_name: str = "管理员",
                       township_name: str | None = None, mode: str | None = None) -> User:
    """The first start: only allowed while the archive has no user at all. The archive's use is
    chosen here (a township's, or the district's that merges them) and a township archive gets
    its township, all in the same transaction."""
    if has_users():
        raise ValidationError.single("username", "用户名", "已有用户,不能再创建初始管理员")
    with db.atomic():
        user = create_user(SYSTEM, username=username, display_name=display_name, role="admin", password=password)
        if mode is not None and mode != settings.get("mode"):
            services.set_setting(SYSTEM, "mode", mode, summary=f"首次使用时选定模式:{mode}")
        if mode != "district" and township_name and township_name.strip():
            set_township(SYSTEM, township_name)
    return user


def set_password(actor: Actor, user_id: str, password: str) -> None:
    check_password_strength(password)
    password_hash = _hasher.hash(password)
    with db.atomic():
        services.update(actor, User, user_id, {"password_hash": password_hash})
        second = _keep_second_hash(user_id, password)
        _wrap_archive_key(actor, user_id, password)
    _renewed(user_id, second or password_hash)  # (a reconnect signs in with it)


def authenticate(username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """The actor for a correct user name and password; AuthenticationFailed otherwise. After
    ``MAX_FAILURES`` wrong passwords in a row the account waits ``LOCK_MINUTES``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if server_guarded():
        return _authenticate_on_server((username or "").strip(), password)
    user = User.live().where(User.username == (username or "").strip()).first()
    locked_until = max(filter(None, (user.locked_until if user is not None else None,
                                     _locked_here.get((username or "").strip()))), default=None)
    if locked_until and dt.datetime.fromisoformat(locked_until) > now:
        minutes = -int(-(dt.datetime.fromisoformat(locked_until) - now).total_seconds() // 60)  # rounded up
        raise _locked(minutes)
    if user is None or not user.active or not _verify(user.password_hash, password):
        if user is not None:
            _count_failure(user, now)
        raise AuthenticationFailed(WRONG_PASSWORD)
    _signed_in(user, password, user.password_hash, SYSTEM)
    _locked_here.pop(user.username, None)
    return _actor(user)


WRONG_PASSWORD = "用户名或密码不正确"


def _locked(minutes: int) -> AuthenticationFailed:
    return AuthenticationFailed(f"密码连续输错{MAX_FAILURES}次,账号已锁定,请{minutes}分钟后再试或请管理员解锁")


def _actor(user: User) -> Actor:
    return Actor(username=user.username, display_name=user.display_name, role=user.role, user_id=user.id)


def _signed_in(user: User, password: str, password_hash: str, writer: Actor) -> str:
    """A sign-in's bookkeeping: the archive key opened, the sign-in time, the hash made again with
    today's parameters, stale wraps of the key removed; returns the user's hash as it now is — on a
    guarded server, what a reconnect signs in with (``password_hash``: what this one did)."""
    changes = {"last_login": utc_now(), "failed_logins": 0, "locked_until": None}
    if _hasher.check_needs_rehash(password_hash):
        changes["password_hash"] = _hasher.hash(password)
    with db.atomic():
        _open_archive_key(user.id, password, writer)  # first: every write of the sign-in is sealed with it
        if not vault.unlocked():  # (a reviewer on a PC no key-holder has unlocked: signed in, nothing written)
            return password_hash
        if audit.writing_stopped():  # (entries appended behind the program's back: signed in to see
            return password_hash    # them and have them repaired, nothing sealed over them)
        if not server_guarded():  # (restores kept aside are a file's: on a server the owner restores)
            services.record_pending_events()
        services.update(writer, User, user.id, changes)
        prune_key_wraps(writer)
        if server_guarded():  # (beside the sign-in's own entry: a verifier is never set unlogged)
            return _proof_from_now_on(user.id, password, password_hash, changes.get("password_hash", password_hash))
    return changes.get("password_hash", password_hash)


def _authenticate_on_server(username: str, password: str) -> Actor:
    """Signing in to a guarded server (docs/server-guard.md): the clerks' account cannot read the
    hash, so the typed password is hashed with the stored hash's own salt and parameters and the
    server compares; it counts wrong passwords and locks the account itself. The connection is
    then the user's: the server accepts its writes in this user's name only — and again after a
    reconnect, which signs in anew."""
    stored = db.execute_sql("SELECT archive_password_salt(%s)", (username,)).fetchone()[0]
    proof = _same_hash(stored, password or "")
    db.obj.resume_session = None  # (whoever was signed in on this connection is no longer)
    minutes = db.execute_sql("SELECT archive_locked_minutes(%s)", (username,)).fetchone()[0]
    if minutes:  # (as on a file: the attempt that locks the account is told it was wrong)
        raise _locked(minutes)
    user_id = _server_sign_in(username, proof)
    if user_id is None:
        raise AuthenticationFailed(WRONG_PASSWORD)
    user = User.get_by_id(user_id)
    _session[0] = _ServerSession(username, user.id, _signed_in(user, password, proof, _actor(user).signing_in()))
    db.obj.resume_session = _session[0].resume
    return _actor(user)


def _server_sign_in(username: str, proof: str) -> str | None:
    """The user signed in on this connection (None: wrong, or locked). The sign-in commits on
    its own before it is asked about: the server tells nothing inside the transaction that
    signed in, so a guess rolled back is a guess not made."""
    if db.in_transaction():
        raise RuntimeError("signing in to the server inside a transaction")
    db.execute_sql("SELECT archive_sign_in(%s, %s)", (username, proof))
    row = db.execute_sql("SELECT user_id, username FROM archive_signed_in()").fetchone()
    return row[0] if row and row[1] == username else None


def _keep_second_hash(user_id: str, password: str) -> str | None:
    """On a guarded server: the server's verifier of a new password — the digest of a second Argon2
    hash, with its own salt, so that the stored hash is no password there (docs/server-guard.md).
    Returns that second hash (what a reconnect signs in with); None on a file, or on a server whose
    guard its owner has not renewed yet (the stored hash is compared there)."""
    if not server_guarded() or not _verifiers_kept():
        return None
    second = _hasher.hash(password)
    db.execute_sql("SELECT archive_set_verifier(%s, %s)", (user_id, second))
    return second


def _verifiers_kept() -> bool:
    return db.execute_sql("SELECT to_regprocedure('archive_verifier_missing()')").fetchone()[0] is not None


def _proof_from_now_on(user_id: str, password: str, proof: str, hash_now: str) -> str:
    """What a reconnect signs in with: the second hash just compared; or, for a user the server
    still compares by the stored hash (signed in for the first time since the verifiers came), a
    second hash made now; or the stored hash as it now is, where the server keeps no verifiers."""
    if not _verifiers_kept():
        return hash_now
    if not db.execute_sql("SELECT archive_verifier_missing()").fetchone()[0]:
        return proof
    return _keep_second_hash(user_id, password)


@dataclass
class _ServerSession:
    """Who is signed in to the server on this process's connection, to sign in again after a
    reconnect (the server forgets a sign-in with its connection): with the user's hash as it now
    is — a new password or a rehash changes it (``_renewed``)."""

    username: str
    user_id: str
    proof: str

    def resume(self) -> None:
        db.obj.resume_session = None  # once: a failure is not retried (each would count towards a lock)
        if _server_sign_in(self.username, self.proof) == self.user_id:
            db.obj.resume_session = self.resume


_session: list[_ServerSession | None] = [None]


def _renewed(user_id: str, password_hash: str) -> None:
    if _session[0] is not None and _session[0].user_id == user_id:
        _session[0].proof = password_hash


def _same_hash(stored: str, password: str) -> str:
    """The Argon2 hash of ``password`` with the salt and parameters of ``stored`` (a hash without
    its last part): equal to the stored hash exactly when the password is right."""
    try:
        _, variant, version, costs, salt = stored.split("$")
        cost = dict(part.split("=") for part in costs.split(","))
        return hash_secret(password.encode("utf-8"), base64.b64decode(salt + "=" * (-len(salt) % 4)),
                           time_cost=int(cost["t"]), memory_cost=int(cost["m"]), parallelism=int(cost["p"]),
                           hash_len=HASH_LENGTH, type=ARGON2_TYPES[variant], version=int(version[2:])).decode("ascii")
    except (ValueError, KeyError):  # not a hash this program made: no password matches it
        return ""


HASH_LENGTH = 32  # bytes: the Argon2 library's default, which every hash of this program has
ARGON2_TYPES = {"argon2id": Type.ID, "argon2i": Type.I, "argon2d": Type.D}


# Wrong passwords on a PC that cannot write (the archive key not unlocked here, or writing stopped
# over a log appended to behind the program's back): counted in this
# process, which then refuses the account for the same time the archive would
_failures_here: dict[str, int] = {}
_locked_here: dict[str, str] = {}


def _count_failure(user: User, now: dt.datetime) -> None:
    if vault.unlocked() and not audit.writing_stopped():
        failures = user.failed_logins + 1
        locked = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if failures >= MAX_FAILURES else None
        services.update(SYSTEM, User, user.id, {"failed_logins": failures, "locked_until": locked})
        return
    failures = _failures_here.get(user.username, 0) + 1
    _failures_here[user.username] = failures % MAX_FAILURES
    if failures >= MAX_FAILURES:
        _locked_here[user.username] = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat()


def _open_archive_key(user_id: str, password: str, writer: Actor) -> None:
    """At a sign-in: open the archive key with the password when this PC cannot (a new PC after a
    restore), then make sure this PC and this user each have a wrap of it."""
    opened_here = vault.unlocked()
    if not vault.unlock_with_password(user_id, password) or audit.writing_stopped():
        return
    if not opened_here:
        vault.wrap_for_machine(lambda key, value: services.set_setting(writer, key, value, summary="本机的档案密钥"))
    if not settings.get(vault.USER_WRAP + user_id) and holds_key(User.get_by_id(user_id).role):
        _wrap_archive_key(writer, user_id, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def locked_accounts(now: dt.datetime) -> set[str]:
    """The login names locked out at ``now``: by their rows, and on a guarded server by the
    server's own count of wrong passwords (which it shows an administrator)."""
    locked = {u.username for u in User.live() if u.locked_until and dt.datetime.fromisoformat(u.locked_until) > now}
    if server_guarded():
        locked |= {name for name, until in db.execute_sql("SELECT username, locked_until FROM archive_locked_users()")
                   if until > now}
    return locked


def unlock(actor: Actor, user_id: str) -> None:
    with db.atomic():
        user = services.update(actor, User, user_id, {"failed_logins": 0, "locked_until": None}).record
        if server_guarded():  # the server's own count of wrong passwords
            db.execute_sql("SELECT archive_clear_failures(%s)", (user.username,))


def set_active(actor: Actor, user_id: str, active: bool) -> None:
    """A deactivated user's wrap of the archive key goes with it (made again at the first sign-in
    after reactivation)."""
    if not active and actor.user_id == user_id:
        raise ValidationError.single("active", "启用", "不能停用自己的账号")
    with db.atomic():
        services.update(actor, User, user_id, {"active": active})
        if not active:
            _remove_wrap(actor, user_id)


def set_role(actor: Actor, user_id: str, role: str) -> None:
    """A new role; moved to one that does not hold the archive key, the user's wrap goes."""
    with db.atomic():
        services.update(actor, User, user_id, {"role": role})
        if not holds_key(role):
            _remove_wrap(actor, user_id)


def user_names() -> dict[str, str]:
    """login name → the name shown (the audit log keeps login names: 修改记录 shows 王干事, not clerk1)."""
    return {u.username: u.display_name for u in User.select(User.username, User.display_name)}
