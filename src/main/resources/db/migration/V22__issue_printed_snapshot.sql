-- What the signer signed, as printed: taken in the sign-off's transaction (names, texts, recipients as
-- they were then). The printed forms are made from it, so a form made later (first download, the sweep,
-- a node that crashed) shows what was signed, not a later name or text. Older issues have none and are
-- printed from the data as it is.
alter table issue add column printed jsonb;
