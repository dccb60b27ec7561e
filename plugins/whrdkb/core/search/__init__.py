"""Search: one prebuilt lunr index per language, cut into shards, and the query the browser runs.

One job per module: `pipeline` (the text pipeline of a language, shared by the index and the
queries), `pagetext` (what search reads of a rendered page), `index` (scores and shards),
`script` (the index as a script for the browser, and back), `query` (the query as the browser
runs it, for the tests and the benchmark).

The index is built here (lunr's scores, computed as lunr.py's Builder does, faster:
`score_terms`) and loaded ready-made in the browser with `lunr.Index.load`
(docs/assets/search/search.js), so no page rebuilds it. It is cut
into shards of terms that start alike (`shard`): the browser fetches the whole
index at the first query (which parts it fetched would tell what was searched),
but parses and loads only the shards the query's words can match, and the result
lines (URL, title, snippet) of the results it shows. The index made of a query's
shards gives the same scores as the whole index (`partial_index`; a test compares
them).

Both sides run the same pipeline, registered under the same names:

    kb-normalise-<lang>   trim punctuation, Unicode NFC, drop invisible characters,
                          fold Latin accents and Arabic vowel marks, French elisions,
                          the Arabic conjunctions و and ف before the article
    stopWordFilter-<lang> drop the language's common words ("my", "was", "est", "मेरो"):
                          stopwords.json beside this file, normalised; the index carries
                          the list to the browser, so both sides drop the same words
    kb-stemmer-<lang>     English: lunr.js's Porter stemmer (lunr.py's, with lunr.js's rule
                          for a final y); other languages with a Snowball stemmer:
                          snowballstemmer here, the same algorithm from
                          docs/assets/search/vendor/ there

A language without a stemmer or stop words (a sixth one added by configuration) gets the
normaliser only, and still finds its words. A query drops its stop words too, unless
it has no other word (a reader may be typing the start of a longer one). tests/site/test_search.py runs
both sides over every word of the built site and compares the results.
"""
