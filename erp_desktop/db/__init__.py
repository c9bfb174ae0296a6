"""Persistence: the model module, column types, engine set-up, migrations, notifications."""
