-- 编者按 (the editor's note printed before the articles) and whether each printed copy carries its
-- 份号 (numbered copies: asked by the office, and always where an item is classified).
alter table issue add column lead text;
alter table issue add column numbered_copies boolean not null default false;
-- 合报: an item merged into another item's article (a comprehensive piece made of several units'
-- items) names that item; the article credits every unit merged into it.
alter table issue_item add column merged_into uuid;
-- how many items an adoption's article was made from (1 unless merged): what a split credit divides
-- by, kept with the event so a rule table tried later divides the same way. Before merges existed a
-- comprehensive issue counted as one piece: its events keep the count they were scored with.
alter table assessment_event add column merged_items integer not null default 1 check (merged_items > 0);
update assessment_event e set merged_items = greatest(1, (select count(*) from assessment_event o
    where o.kind = 'adoption' and o.issue_id = e.issue_id))
where e.kind = 'adoption' and e.issue_id is not null and e.rule_input = 'comprehensive';
