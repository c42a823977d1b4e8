"""The security log: sign-ins, failures, refusals and account changes, kept and logged."""
