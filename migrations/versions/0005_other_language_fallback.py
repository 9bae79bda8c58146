"""Remember, once, whether to show other-language material where a topic has none in the
learner's language.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("other_language", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("other_language")
