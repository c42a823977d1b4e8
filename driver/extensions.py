"""Flask extensions, created bare and bound to the app in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from driver.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Limits are declared on the routes they guard (driver.auth.limits); none by default.
limiter = Limiter(get_remote_address)
# Interface languages; bound with its locale selector in driver.i18n.register.
babel = Babel()
