"""Operations on a running installation: backup and restore (``flask --app driver backup``)."""
