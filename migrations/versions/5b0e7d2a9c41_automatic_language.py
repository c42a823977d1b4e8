"""an automatic language: users.language may be empty, users.browser_language

Until now ``users.language`` was the e-mail language, "en" unless the user chose
another on the notification settings page; now it is the language of pages and
e-mails, empty for "automatic" (pages follow the browser, e-mails the language
the browser asked for at the last sign-in, kept in ``browser_language``). Users
still on the old default "en" become automatic: nobody could tell them apart
from those who chose English, and the browser's language serves both well.

Revision ID: 5b0e7d2a9c41
Revises: 4469c2c6f291
Create Date: 2026-11-30 15:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5b0e7d2a9c41"
down_revision = "4469c2c6f291"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("browser_language", sa.String(length=8), server_default="", nullable=False)
        )
        batch_op.alter_column(
            "language",
            existing_type=sa.String(length=8),
            existing_nullable=False,
            server_default="",
        )
    op.execute("UPDATE users SET language = '' WHERE language = 'en'")


def downgrade():
    op.execute("UPDATE users SET language = 'en' WHERE language = ''")
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column(
            "language",
            existing_type=sa.String(length=8),
            existing_nullable=False,
            server_default="en",
        )
        batch_op.drop_column("browser_language")
