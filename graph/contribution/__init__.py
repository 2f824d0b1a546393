"""Contributions: rates, settlements, payments, refunds, pension account."""
