"""calendar feeds: a sequence per session, a personal feed token per delegate

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('programme_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), server_default='0', nullable=False))

    op.create_table('calendar_feeds',
    sa.Column('delegate_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('etag', sa.String(length=64), nullable=False),
    sa.Column('modified_at', db.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'], name=op.f('fk_calendar_feeds_delegate_id_delegates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('delegate_id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token', name=op.f('uq_calendar_feeds_token'))
    )


def downgrade() -> None:
    op.drop_table('calendar_feeds')
    with op.batch_alter_table('programme_sessions', schema=None) as batch_op:
        batch_op.drop_column('sequence')
