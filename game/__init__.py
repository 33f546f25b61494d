"""Guarantor (الضامن): a negotiation game about security guarantees for Ukraine."""

__version__ = "0.1.0"
