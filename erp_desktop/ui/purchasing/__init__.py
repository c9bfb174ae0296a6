"""Purchasing screens: purchase orders, receiving against them, the QC queue."""
