"""In-memory stand-ins for the storage layer, for the unit-test tier.

``tests.fakes.uow`` is the entry point: ``InMemoryStore``, ``FakeUnitOfWork`` and
``fake_units``. ``tests/integration/test_uow_contract.py`` runs the same scenarios on it
and on the SQL unit of work (SQLite and PostgreSQL) to keep the two in step.
"""
