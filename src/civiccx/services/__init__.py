"""The service catalog and the Interaction spine every channel records to."""
