"""The map photo a learner's chat has, so that any instance edits it in place.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("map_message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("map_shown", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("map_shown")
        batch_op.drop_column("map_message_id")
