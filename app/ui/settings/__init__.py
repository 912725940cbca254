"""The Settings dialog and the controller that loads, saves and applies the settings."""
