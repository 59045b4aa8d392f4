"""Invoicing and payment capture."""
