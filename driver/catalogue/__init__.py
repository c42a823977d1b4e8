"""The providers' solution catalogue: what each provider offers, verified by WeGO."""
