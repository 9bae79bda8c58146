"""Initial schema: learners, their settings, progress and topic language choices.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("first_name", sa.String(length=128), nullable=True),
        sa.Column("language_code", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("onboarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learners")),
    )
    op.create_table(
        "learner_settings",
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("ui_language", sa.String(length=2), nullable=False),
        sa.Column("material_language", sa.String(length=4), nullable=False),
        sa.Column("framework", sa.String(length=32), nullable=True),
        sa.Column("start_at", sa.String(length=32), nullable=True),
        sa.Column("elective", sa.String(length=32), nullable=True),
        sa.CheckConstraint(
            "material_language IN ('en', 'fa', 'both')",
            name=op.f("ck_learner_settings_material_language"),
        ),
        sa.CheckConstraint(
            "ui_language IN ('en', 'fa')", name=op.f("ck_learner_settings_ui_language")
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_learner_settings_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", name=op.f("pk_learner_settings")),
    )
    op.create_table(
        "progress",
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("resource_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('done', 'skipped')", name=op.f("ck_progress_status")),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_progress_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "resource_id", name=op.f("pk_progress")),
    )
    op.create_table(
        "topic_languages",
        sa.Column("learner_id", sa.BigInteger(), nullable=False),
        sa.Column("topic_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_topic_languages_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "topic_id", name=op.f("pk_topic_languages")),
    )


def downgrade() -> None:
    op.drop_table("topic_languages")
    op.drop_table("progress")
    op.drop_table("learner_settings")
    op.drop_table("learners")
