-- Dashboard login (issue #9): a user with a password hash can sign in to the dashboard. The hash carries its
-- algorithm ({bcrypt}...), so a stronger one can replace it later without a migration. Users without a hash (admins
-- who only get health e-mails) cannot sign in.
alter table users add column password_hash text;
alter table users add column last_login_at timestamptz;

-- One sign-in name for one person: an e-mail address that can log in belongs to a single workspace.
create unique index users_login_email on users (lower(email)) where password_hash is not null;
