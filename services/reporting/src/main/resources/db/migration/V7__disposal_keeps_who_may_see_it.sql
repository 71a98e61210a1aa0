-- A disposed incident has no register row left to say who may see it. The disposal keeps whether the
-- incident was restricted (a concern about a member of staff) and the roles it was routed to, so a
-- released hold on it stays listed for exactly the roles that could see the incident. Disposals
-- recorded before this stay as they were: a restricted one's hold is listed for nobody.
alter table retention_disposal
    add column restricted    boolean,
    add column routed_roles  varchar(200);
