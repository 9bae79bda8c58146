"""Free resources only, the roadmap revision a learner's path was built on, "not needed".

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = "status IN ('done', 'skipped', 'started', 'unneeded')"


def upgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("free_only", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("roadmap_revision", sa.Integer(), nullable=True))
    # Everyone registered so far walked the first revision of the roadmap.
    op.execute("UPDATE learner_settings SET roadmap_revision = 1")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_progress_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_progress_status"), _STATUSES)


def downgrade() -> None:
    op.execute("DELETE FROM progress WHERE status = 'unneeded'")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_progress_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_progress_status"), "status IN ('done', 'skipped', 'started')"
        )
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("roadmap_revision")
        batch_op.drop_column("free_only")
