-- A run is on its job's gateway (issue 18): the run's gateway_id is copied from its job when the bridge writes
-- it, and now the schema holds it too, so no write can file a run under another gateway than its job's (the
-- fleet's views filter runs by their own gateway_id and jobs by theirs; a mismatch would show a run under one
-- gateway and its job under another).
-- Rows written before the copy was made are put right first.
update cron_runs r set gateway_id = j.gateway_id from cron_jobs j where j.id = r.job_id and r.gateway_id <> j.gateway_id;

alter table cron_jobs add constraint cron_jobs_id_gateway unique (id, gateway_id);
-- a job moved to another gateway takes its runs along
alter table cron_runs add constraint cron_runs_job_gateway
  foreign key (job_id, gateway_id) references cron_jobs(id, gateway_id) on update cascade;
