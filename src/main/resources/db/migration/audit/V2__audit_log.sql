-- Every change to Greenroom's data: who, when, which entity, and the state before and after.
create table audit_log (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text not null,
    entity_type text not null,
    entity_id   text not null,
    action      text not null,
    region_code text,
    before      jsonb,
    after       jsonb
);
create index audit_log_entity on audit_log (entity_type, entity_id, id desc);
create index audit_log_actor on audit_log (actor, id desc);
