"""Weekly reminders: the schedule table, last study time, awaited input.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("hour", sa.SmallInteger(), server_default=sa.text("9"), nullable=False),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sending_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint("hour BETWEEN 0 AND 23", name=op.f("ck_reminders_hour")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_reminders_weekday")),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_reminders_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_reminders")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminders_next_at"), ["next_at"], unique=False)

    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("awaiting", sa.String(length=16), nullable=True))

    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_studied_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("learners", schema=None) as batch_op:
        batch_op.drop_column("last_studied_at")

    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("awaiting")

    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_next_at"))

    op.drop_table("reminders")
