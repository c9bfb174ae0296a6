"""Frozen DTOs of the foundation (users, sessions, audit). Areas keep theirs in their own module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from erp_desktop.domain.roles import Role
from erp_desktop.services.actor import Actor


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    must_change_password: bool
    organization: str
    idle_lock_minutes: int = 15  # the plant's setting (security_settings)


@dataclass(frozen=True)
class SecuritySettingsDTO:
    max_failed_attempts: int
    lockout_minutes: int
    idle_lock_minutes: int
    min_password_length: int
    version: int


@dataclass(frozen=True)
class UserDTO:
    id: int
    username: str
    full_name: str
    role: Role
    is_active: bool
    must_change_password: bool
    last_sign_in_at: datetime | None
    version: int
    locked_until: datetime | None = None  # locked out after failed sign-ins (shown to administrators)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


@dataclass(frozen=True)
class SessionDTO:
    id: int
    user_id: int
    username: str
    host: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str


@dataclass(frozen=True)
class AuditDTO:
    id: int
    at: datetime
    username: str
    entity: str
    entity_id: str
    action: str
    before: dict | None
    after: dict | None
    # a failed sign-in of a name no account has: the name typed (``username`` is then empty)
    typed_name: str = ""


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditDTO, ...]
    has_more: bool
