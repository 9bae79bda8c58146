"""Data layer: models, engine and repositories (the only place with SQL)."""
