"""Running the Selfkind cohort hub on one machine: OS accounts, the layout of the deployment
folder, a PostgreSQL gradebook, the hub process, and clients that act as a trainee would.

Used by `make hub` (deploy/hubctl.py), `make hub-load` (deploy/load.py) and tests/hub/.
"""
