"""The daily digest: one e-mail per user grouping the notices they chose to get that way."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from flask_babel import force_locale
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from driver.auth.models import User
from driver.db import utcnow
from driver.extensions import db
from driver.i18n import email_language
from driver.notifications.kinds import DIGEST_KIND
from driver.notifications.mail import DigestGroup, DigestLine, absolute, digest_email
from driver.notifications.models import DigestItem
from driver.notifications.texts import Wording


def send_digests(*, now: datetime | None = None) -> int:
    """Put one digest e-mail per user in the outbox for their items up to ``now``.

    Each item goes into exactly one digest: an item is taken with a
    compare-and-set on its empty ``outbox_id``, so running the command twice,
    or twice at once, sends nothing twice. Returns the number of digests.
    """
    now = now or utcnow()
    user_ids = list(
        db.session.scalars(
            select(DigestItem.user_id)
            .where(DigestItem.outbox_id.is_(None), DigestItem.created_at <= now)
            .distinct()
            .order_by(DigestItem.user_id)
        )
    )
    db.session.commit()
    return sum(_send_one(user_id, now) for user_id in user_ids)


def _send_one(user_id: int, now: datetime) -> int:
    try:
        user = db.session.get(User, user_id)
        items = list(
            db.session.scalars(
                select(DigestItem)
                .where(
                    DigestItem.user_id == user_id,
                    DigestItem.outbox_id.is_(None),
                    DigestItem.created_at <= now,
                )
                .options(selectinload(DigestItem.notification))
                .order_by(DigestItem.created_at, DigestItem.id)
            )
        )
        if user is None or not user.active or not items:
            db.session.rollback()
            return 0
        language = email_language(user)
        rendered = Wording(DIGEST_KIND).render(
            language, {"recipient": user.display_name, "count": len(items)}
        )
        with force_locale(language):
            message = digest_email(
                user, kind=DIGEST_KIND, rendered=rendered, groups=_groups(items), when=now
            )
        db.session.add(message)
        db.session.flush()
        ids = [item.id for item in items]
        taken = db.session.execute(
            update(DigestItem)
            .where(DigestItem.id.in_(ids), DigestItem.outbox_id.is_(None))
            .values(outbox_id=message.id)
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken != len(ids):  # another run took some of them first: leave it to that one
            db.session.rollback()
            return 0
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return 1


def _groups(items: list[DigestItem]) -> list[DigestGroup]:
    """The items grouped by the object they are about, in the order they happened."""
    by_link: dict[str, list[DigestLine]] = defaultdict(list)
    for item in items:
        notice = item.notification
        by_link[notice.link].append(DigestLine(notice.message, notice.created_at))
    return [DigestGroup(url=absolute(link), lines=lines) for link, lines in by_link.items()]
