"""Qt widgets. Never imports erp_desktop.db or SQLAlchemy; talks to services through the runner."""
