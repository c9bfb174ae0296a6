"""Users, audit trail, security settings, backups: the administrator's area."""
