"""Plan Exchange: a searchable directory of member cities' smart city projects."""
