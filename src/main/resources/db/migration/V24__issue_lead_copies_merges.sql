-- 编者按 (the editor's note printed before the articles) and whether each printed copy carries its
-- 份号 (numbered copies: asked by the office, and always where an item is classified).
alter table issue add column lead text;
alter table issue add column numbered_copies boolean not null default false;
-- 合报: an item merged into another item's article (a comprehensive piece made of several units'
-- items) names that item; the article credits every unit merged into it.
alter table issue_item add column merged_into uuid;
