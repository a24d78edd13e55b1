-- The content queue sorted by priority, overall and within a status tab, without sorting the whole table.
create index gtm_outputs_priority on gtm_outputs(priority desc, created_at desc, id desc);
create index gtm_outputs_status_priority on gtm_outputs(status, priority desc, created_at desc, id desc);
