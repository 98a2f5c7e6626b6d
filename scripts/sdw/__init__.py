"""Sterk door Werk: content pipeline (load, validate, model, generate) and build."""
