"""The study plan: hours a week, when it was set, and the hours done at that moment.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_hours", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("plan_set_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("plan_done_hours", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_learner_settings_plan_hours"), "plan_hours BETWEEN 1 AND 80"
        )


def downgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_learner_settings_plan_hours"), type_="check")
        batch_op.drop_column("plan_done_hours")
        batch_op.drop_column("plan_set_at")
        batch_op.drop_column("plan_hours")
