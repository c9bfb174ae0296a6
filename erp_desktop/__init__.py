"""erp-desktop: production control and FIFO stock for a machining plant."""

__version__ = "0.1.0"
