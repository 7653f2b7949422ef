-- A person's accounts on the office's WeCom (企业微信, 政务微信) and DingTalk (钉钉): application
-- messages go to them, and a sign-in through the platform finds the person by them.
alter table person add column wecom_user_id    varchar(64);
alter table person add column dingtalk_user_id varchar(64);
create unique index person_wecom_user_id on person (wecom_user_id) where wecom_user_id is not null;
create unique index person_dingtalk_user_id on person (dingtalk_user_id) where dingtalk_user_id is not null;

-- The in-app link of the notice a delivery carries: an application message is a card whose
-- button opens it (through the platform's sign-in).
alter table notification_delivery add column link varchar(300);

-- A DingTalk group robot with 加签 (signing): the secret its URL is signed with at each send.
alter table notification_preference add column webhook_secret varchar(200);

-- Sign-in codes the platforms gave us, taken once: a code seen again (a replayed or shared link)
-- signs nobody in. Only a hash of the code is kept.
create table platform_sign_in_code (
    platform  varchar(16) not null,
    code_hash varchar(64) not null,
    used_at   timestamptz not null,
    primary key (platform, code_hash)
);
create index platform_sign_in_code_used on platform_sign_in_code (used_at);
