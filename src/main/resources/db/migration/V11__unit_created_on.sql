-- A missed quota is charged only for windows a unit existed through: units made before this
-- migration count from its day (quotas themselves count from V10's).
alter table unit add column created_on date not null default current_date;
