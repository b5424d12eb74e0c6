"""Who is acting, and what each role may do. Checked inside the services, not only in the UI."""
from __future__ import annotations

import getpass
from dataclasses import dataclass, field, replace

from models.errors import PermissionDenied

ROLES = ("admin", "clerk", "reviewer", "viewer")
ROLE_NAMES = {"admin": "管理员", "clerk": "录入员", "reviewer": "审核员", "viewer": "查阅"}

# permission → Chinese description used in refusals
PERMISSIONS = {
    "view": "查阅档案",
    "personnel": "录入和修改人事档案",
    "reports": "登记重大事项报告",
    "review": "审核重大事项报告",
    "admin": "系统管理(用户、代码表、设置)",
}

ROLE_PERMISSIONS = {
    "admin": frozenset(PERMISSIONS),
    "clerk": frozenset({"view", "personnel", "reports"}),
    "reviewer": frozenset({"view", "review"}),
    "viewer": frozenset({"view"}),
}


@dataclass(frozen=True)
class Actor:
    username: str
    display_name: str
    role: str
    user_id: str | None = None
    system_rights: bool = field(default=False, compare=False)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def can(self, permission: str) -> bool:
        return self.system_rights or permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    def signing_in(self) -> "Actor":
        """This user writing their own sign-in's bookkeeping (the sign-in time, their wraps of the
        archive key) with the system's rights but under their own name: a server records every
        entry under the user signed in on the connection, and allows them no more than that."""
        return replace(self, system_rights=True)


def require(actor: Actor, permission: str) -> None:
    if not actor.can(permission):
        raise PermissionDenied(
            f"当前用户“{actor.display_name}”的角色是{actor.role_name},无权{PERMISSIONS.get(permission, permission)}"
        )


def command_line_actor() -> Actor:
    """The command line is support staff at the machine itself: it acts with full rights,
    and the audit log records the operating-system account that ran it."""
    try:
        who = getpass.getuser()
    except Exception:  # no login name in some service contexts
        who = "unknown"
    return Actor(username=f"cli:{who}", display_name=f"命令行({who})", role="admin")


SYSTEM = Actor(username="system", display_name="系统", role="admin")
