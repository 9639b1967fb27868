"""Seed data for actorgraph: vocabulary, YAML dataset models and the validator."""
