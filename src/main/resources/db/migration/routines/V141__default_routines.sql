-- The seed's rhythm as default routines in every region, editable by the region's leads: daily (top rooms,
-- critical tickets, policy risks), twice weekly on Tuesday and Friday (mid-tier coaching), weekly on Monday
-- (retention, campaign ROI, moderation backlog) and monthly on the first working day (playbooks,
-- experiments). "First working day" is BYMONTHDAY=1 moved to the next working day of the region's business
-- calendar, so weekends and the region's holidays (1 January) are honoured.
insert into routine (title, guidance, region_code, owner_role, rrule, due_time, starts_on, horizon_days, view_key, checklist,
                     non_working_day, seed_key, created_by, created_at, updated_at)
select d.title, d.guidance, r.code, d.owner_role, d.rrule, cast(d.due_time as time), date '2026-01-01', d.horizon, d.view_key,
       cast(d.checklist as text[]), d.non_working_day, d.seed_key, 'system', now(), now()
from region r
cross join (values
    ('daily-top-rooms', 'Monitor top rooms', 'Open the top live rooms of the region and look for rooms that need a hand: falling viewers, gifting stalls, risky content.',
     'CREATOR_MANAGER', 'FREQ=DAILY', '10:00', 7, 'TOP_ROOMS', '{"Check the ten top rooms","Note creators who need a call"}', 'KEEP'),
    ('daily-critical-tickets', 'Handle critical tickets', 'Work through every open **P1** ticket of the region: assign, respond, escalate.',
     'REGIONAL_LEAD', 'FREQ=DAILY', '09:00', 7, 'CRITICAL_TICKETS', '{"Every P1 has an owner","No P1 waits on us"}', 'KEEP'),
    ('daily-policy-risks', 'Flag policy risks', 'Triage new policy-risk cases of the region and flag what needs enforcement.',
     'SAFETY', 'FREQ=DAILY', '11:00', 7, 'POLICY_RISKS', '{}', 'KEEP'),
    ('twice-weekly-mid-tier', 'Coach mid-tier creators', 'Coach mid-tier creators on content cadence and monetization prompts.',
     'CREATOR_MANAGER', 'FREQ=WEEKLY;BYDAY=TU,FR', '14:00', 14, 'MID_TIER', '{"Review each creator''s pace","Log a coaching session"}', 'KEEP'),
    ('weekly-retention', 'Review retention cohorts', 'Review the region''s day-7 retention cohorts and what changed since last week.',
     'REGIONAL_LEAD', 'FREQ=WEEKLY;BYDAY=MO', '10:00', 14, 'RETENTION', '{}', 'KEEP'),
    ('weekly-campaign-roi', 'Review campaign ROI', 'Review the ROI of the region''s running and finished campaigns.',
     'ANALYST', 'FREQ=WEEKLY;BYDAY=MO', '11:00', 14, 'CAMPAIGN_ROI', '{}', 'KEEP'),
    ('weekly-moderation-backlog', 'Review the moderation backlog', 'Review the moderation backlog by age and category; chase cases older than a day.',
     'SAFETY', 'FREQ=WEEKLY;BYDAY=MO', '12:00', 14, 'MODERATION_BACKLOG', '{}', 'KEEP'),
    ('monthly-playbooks', 'Refresh regional playbooks', 'Refresh the region''s playbooks with what the month taught us.',
     'REGIONAL_LEAD', 'FREQ=MONTHLY;BYMONTHDAY=1', '10:00', 35, 'PLAYBOOKS', '{}', 'NEXT_WORKING_DAY'),
    ('monthly-experiments', 'Retire low-performing experiments', 'Retire experiments that have not moved their metric.',
     'ANALYST', 'FREQ=MONTHLY;BYMONTHDAY=1', '11:00', 35, 'EXPERIMENTS', '{}', 'NEXT_WORKING_DAY')
) as d (seed_key, title, guidance, owner_role, rrule, due_time, horizon, view_key, checklist, non_working_day);
