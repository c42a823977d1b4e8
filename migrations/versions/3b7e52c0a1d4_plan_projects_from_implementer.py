"""Plan Exchange projects published from Project Implementer projects

Revision ID: 3b7e52c0a1d4
Revises: 7d15fe74130e
Create Date: 2026-11-30 12:10:00

On SQLite the batch ("move and copy") rebuild of plan_projects drops the
full-text triggers with the old table, so they are created again here (the
same SQL as migration 7ecd5079c890 and driver/plan_exchange/fts.py). env.py
turns foreign keys off while migrating, so dropping the old table does not
cascade to stakeholders and areas.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b7e52c0a1d4'
down_revision = '7d15fe74130e'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_ai AFTER INSERT ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_ad AFTER DELETE ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(plan_projects_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_au AFTER UPDATE OF search_text "
    "ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(plan_projects_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO plan_projects_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO plan_projects_fts(plan_projects_fts) VALUES ('rebuild')",
)


def _restore_search_triggers():
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def upgrade():
    with op.batch_alter_table('plan_projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('implementer_project_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_plan_projects_implementer_project_id'),
            ['implementer_project_id'],
            unique=True,
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_plan_projects_implementer_project_id_implementer_projects'),
            'implementer_projects',
            ['implementer_project_id'],
            ['id'],
            ondelete='SET NULL',
        )
    _restore_search_triggers()


def downgrade():
    with op.batch_alter_table('plan_projects', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_plan_projects_implementer_project_id_implementer_projects'),
            type_='foreignkey',
        )
        batch_op.drop_index(batch_op.f('ix_plan_projects_implementer_project_id'))
        batch_op.drop_column('implementer_project_id')
    _restore_search_triggers()
