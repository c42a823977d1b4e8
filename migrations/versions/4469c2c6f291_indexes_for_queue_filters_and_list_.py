"""indexes for queue filters and list orders

The benchmark (issue 8) found these missing at ten times WeGO's size: the
review queue across several states in submission order, a city's list by last
change, providers by area (matchmaking), proposals by area, and providers'
track records (ratings) read from an index. Plain CREATE INDEX on both
databases: no table is rebuilt (on SQLite a batch rebuild would drop the
Plan Exchange FTS triggers; no index here touches plan_projects anyway).

Revision ID: 4469c2c6f291
Revises: fa51799bbb79
Create Date: 2026-11-30 11:53:54.454796

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '4469c2c6f291'
down_revision = 'fa51799bbb79'
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_applications_member_updated", "applications", ["member_id", "updated_at", "id"]),
    ("ix_applications_submitted", "applications", ["submitted_at", "id"]),
    ("ix_implementer_proposal_areas_area_id", "implementer_proposal_areas", ["area_id"]),
    ("ix_matches_provider_rating", "matches", ["provider_id", "outcome_rating"]),
    ("ix_provider_areas_area_id", "provider_areas", ["area_id"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
