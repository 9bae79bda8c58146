"""A resource can be started (in progress) as well as done or skipped.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_progress_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_progress_status"), "status IN ('done', 'skipped', 'started')"
        )


def downgrade() -> None:
    op.execute("DELETE FROM progress WHERE status = 'started'")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_progress_status"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_progress_status"), "status IN ('done', 'skipped')"
        )
