-- The plan sets the workspace's delivery rate limit in the dispatcher; it travels with every webhook config record.
alter table workspaces add column plan text not null default 'standard';
