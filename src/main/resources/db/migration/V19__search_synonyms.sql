-- The office's synonyms and abbreviations for search (README "Search"): an equivalence finds each of
-- its words for any of them; an abbreviation (its first term) also finds what it stands for, not the
-- other way round. Every change is logged with who and when.
create table search_synonym (
    id         uuid primary key,
    kind       varchar(16)   not null check (kind in ('equivalent', 'abbreviation')),
    terms      varchar(50)[] not null,
    note       varchar(200),
    updated_by varchar(64)   not null,
    updated_at timestamptz   not null
);

create table search_synonym_log (
    id      bigserial primary key,
    at      timestamptz not null,
    actor   varchar(64) not null,
    action  varchar(16) not null, -- create, update, delete
    kind    varchar(16) not null,
    terms   varchar(50)[] not null,
    before  varchar(50)[]
);

-- A starter set for government writing; the office changes it at /admin/synonyms.
insert into search_synonym (id, kind, terms, note, updated_by, updated_at) values
  (gen_random_uuid(), 'equivalent',   array['扫黑除恶', '扫黑'], null, 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['电信网络诈骗', '电信诈骗', '电诈'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['三农', '农业农村', '农民'], '农业、农村、农民', 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['放管服', '简政放权', '放管结合', '优化服务'], '简政放权、放管结合、优化服务改革', 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['河长制', '河湖长制', '湖长制'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['双碳', '碳达峰', '碳中和'], '碳达峰碳中和', 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['两会', '全国人大', '全国政协', '人民代表大会', '政治协商会议'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['一带一路', '丝绸之路经济带', '海上丝绸之路'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['专精特新', '专业化', '精细化', '特色化'], '专业化、精细化、特色化、新颖化', 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['稳就业', '就业优先', '保就业'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['减负', '为基层减负', '减轻负担'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['打假', '假冒伪劣', '侵权假冒'], null, 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['乡村振兴', '乡村全面振兴'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['新冠', '新型冠状病毒', '新冠肺炎'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['医保', '医疗保障', '医疗保险'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['社保', '社会保险', '社会保障'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['公积金', '住房公积金'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['新基建', '新型基础设施'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['两新', '设备更新', '以旧换新'], '大规模设备更新和消费品以旧换新', 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['双减', '作业负担', '校外培训'], '减轻学生作业负担和校外培训负担', 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['三保', '保基本民生', '保工资', '保运转'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['食药', '食品药品'], null, 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['人工智能', 'AI'], null, 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['防汛', '防洪', '抗洪'], null, 'system', now()),
  (gen_random_uuid(), 'equivalent',   array['疫情防控', '防疫'], null, 'system', now()),
  (gen_random_uuid(), 'abbreviation', array['一网通办', '政务服务'], null, 'system', now());
