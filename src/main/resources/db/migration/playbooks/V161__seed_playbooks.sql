-- Seed: the core SOP documents the playbook names ("onboarding checklists, creator communication templates,
-- event calendar formats, and issue-resolution timelines"), each published as a global playbook, version 1.
insert into playbook (playbook_key, title, tags, seeded, created_at, updated_at) values
    ('creator-onboarding', 'Creator onboarding', '{onboarding,creators}', true, now(), now()),
    ('creator-communication', 'Creator communication', '{communication,templates}', true, now(), now()),
    ('event-calendar-formats', 'Event calendar formats', '{events,calendar}', true, now(), now()),
    ('issue-resolution-timelines', 'Issue resolution timelines', '{escalation,tickets,incidents}', true, now(), now());

insert into playbook_version (playbook_id, version, title, body, change_summary, status, author, created_at, submitted_at,
                              approved_by, approved_at, published_by, published_at)
select p.id, 1, p.title, s.body, 'First version, from the creator operations SOPs', 'PUBLISHED', 'system', now(), now(),
       'system', now(), 'system', now()
from playbook p join (values
('creator-onboarding', '# Creator onboarding

Standard onboarding is what moves **creator day-7 retention** first. Every new creator gets the same
checklist (see *Onboarding* for the template and its regional variants); this playbook explains why each step
matters and how to run it.

## First week

1. **Welcome call** within one business day: introduce yourself, agree how you reach each other.
2. **Profile and first-stream setup**: photo, bio, category; a private test stream.
3. **First-stream support**: be online during the first stream, flag policy risks early.
4. **Content cadence plan**: a weekly schedule the creator can keep.

## Day-7 check-in

Review the first week: streams held, viewers who came back, open questions. Note whether the creator is on
track for the first milestones: first stream, first revenue, first 10 retained viewers, first subscription.

## Regional adaptation

Regions adapt the checklist (language, local community groups) through a regional variant; the steps above
stay the common core.
'),
('creator-communication', '# Creator communication

Creators trust a team that answers the same way every time. Use the communication templates; change them
through a change request, not by hand.

## Channels

- **In-app message** through the platform, for anything the creator should see while streaming.
- **Email**, for summaries, contracts and anything the creator may need to find again.

## Tone and timing

- Answer within one business day; say when you will follow up and do it.
- Celebrate milestones the day they happen (first stream, first revenue).
- Never pressure a creator about monetization; explain the prompts and let them choose.

## Templates

Welcome, first-stream congratulations, weekly cadence reminder, milestone congratulations, event invitation.
Each template has locale variants; write in the creator''s language where one exists.
'),
('event-calendar-formats', '# Event calendar formats

Events give creators reasons to go live and viewers reasons to come back. Every event uses one of these
formats and is on the regional calendar at least two weeks ahead.

## Formats

- **Campaign**: a themed period (one to four weeks) with a goal, a budget and participants.
- **Live event**: a scheduled stream with promotion in the app.
- **PK battle**: two creators compete for gifts in a timed match; both must agree a week ahead.
- **Coaching session**: a manager and a creator, 30 minutes, with an agreed next step.
- **Review**: the weekly team review of retention cohorts, campaign ROI and moderation backlog.

## Scheduling rules

- Use the region''s time zone; state it in the event.
- Check that no creator is booked in two overlapping events.
- Monthly: retire low-performing event formats after looking at their ROI.
'),
('issue-resolution-timelines', '# Issue resolution timelines

Every team needs a simple escalation map: what is P1, P2 and P3, who owns each class, and what response
time is required.

## Priorities

- **P1**: payouts failing, creator safety, a platform outage in a region. First response within 1 hour,
  resolved within 8 hours.
- **P2**: a creator cannot stream, gifts not credited. First response within 4 business hours, resolved
  within 2 business days.
- **P3**: profile questions, feature requests. First response within 1 business day, resolved within 5
  business days.

## Escalation

1. The owner class answers within the first-response time.
2. At 80% of the target the owner is warned; at 100% the class''s lead is notified.
3. A breached P1 escalates to the head of operations.

## After an incident

Document the outcome and feed the lessons back into the playbooks: every major incident raises a change
request on the playbooks it touched, and the playbook is updated immediately, not at the next monthly review.
')
) as s (playbook_key, body) on s.playbook_key = p.playbook_key;
