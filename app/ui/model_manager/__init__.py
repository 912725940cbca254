"""The Model manager: the catalog, downloads with progress, installed models."""
