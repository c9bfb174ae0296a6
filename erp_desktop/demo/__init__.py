"""The demo plant (erp-desktop demo-data): builders that fill a new database through the services."""
