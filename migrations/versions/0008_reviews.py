"""Spaced review: the stages asked per learner and topic, and the setting that turns it off.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("topic_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.SmallInteger(), nullable=False),
        sa.Column("asked", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.String(length=4), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("stage BETWEEN 1 AND 3", name=op.f("ck_reviews_stage")),
        sa.CheckConstraint("answer IN ('yes', 'open')", name=op.f("ck_reviews_answer")),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_reviews_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "topic_id", "stage", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("review", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("learner_settings", schema=None) as batch_op:
        batch_op.drop_column("review")
    op.drop_table("reviews")
