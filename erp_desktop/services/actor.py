"""Who is acting: the signed-in user, carried into every service call."""

from __future__ import annotations

from dataclasses import dataclass, field

from erp_desktop.domain.roles import Op, Role, can, require


@dataclass(frozen=True)
class Actor:
    user_id: int
    org_id: int
    username: str
    full_name: str
    role: Role
    session_id: int | None = None
    # PostgreSQL: the session's secret token; the server derives organisation, user and role from it
    token: str | None = field(default=None, repr=False, compare=False)

    def can(self, op: Op) -> bool:
        return can(self.role, op)

    def require(self, op: Op) -> None:
        require(self.role, op)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
