"""The archive's Pelican plugins."""
