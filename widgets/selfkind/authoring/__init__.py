"""Tools for scenario authors that run without Jupyter: play in a terminal, list routes."""
