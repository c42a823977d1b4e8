"""Project Implementer services, one module per object; each owns its commit."""
