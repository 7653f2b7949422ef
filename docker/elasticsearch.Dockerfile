# Elasticsearch with Lucene's Chinese analyzer (analysis-smartcn, the same segmenter the application
# uses for the word fields). Word-level search does not depend on it (the application segments
# title, text and queries itself); it lets jianbao.archive.analyzer=smartcn index the phrase fields
# by words as well.
FROM docker.elastic.co/elasticsearch/elasticsearch:8.19.21
RUN bin/elasticsearch-plugin install --batch analysis-smartcn
