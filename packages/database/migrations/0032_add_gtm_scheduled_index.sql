-- The publishing calendar reads items by the time they publish themselves, whatever their review state
-- (gtm_outputs_due covers only approved items not yet claimed).
create index gtm_outputs_scheduled on gtm_outputs(scheduled_for) where scheduled_for is not null;
