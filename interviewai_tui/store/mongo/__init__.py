"""The MongoDB store: Motor; client.py is the only module that imports the driver."""
