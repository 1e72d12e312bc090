-- Scores leads in BigQuery with the same engine as the CLI, Spark and the browser: a JavaScript UDF
-- whose libraries (dist/ after `make bigquery`: leadscore-udf.js and the .wasm in part files
-- leadscore-wasm-N.js, each under BigQuery's 1 MB per file) hold the engine. Upload them all to
-- Cloud Storage and list every one below (the test checks this list); `as_of` is always given.
CREATE TEMP FUNCTION score_leads(leads ARRAY<STRING>, as_of STRING, model STRING)
RETURNS ARRAY<STRING>
LANGUAGE js
OPTIONS (library = ["gs://YOUR_BUCKET/leadscore-udf.js", "gs://YOUR_BUCKET/leadscore-wasm-0.js",
                    "gs://YOUR_BUCKET/leadscore-wasm-1.js"])
AS r"""
return leadscoreUdf.scoreBatch(leads, as_of, model, false);
""";

-- Leads as JSON text (TO_JSON_STRING of a row with `id`, fields, and `events` as an array of
-- structs), batched 500 to a call: the model is compiled once per UDF instance, not per row.
WITH leads AS (
  SELECT id, TO_JSON_STRING(STRUCT(id, email, title, company, events)) AS lead
  FROM `your_project.crm.leads_with_events`
),
batches AS (
  SELECT ARRAY_AGG(lead ORDER BY id) AS leads
  FROM leads
  GROUP BY MOD(ABS(FARM_FINGERPRINT(id)), DIV((SELECT COUNT(*) FROM leads), 500) + 1)
)
SELECT
  JSON_VALUE(card, '$.leadId') AS id,
  CAST(JSON_VALUE(card, '$.score') AS FLOAT64) AS score,
  JSON_VALUE(card, '$.tier.name') AS tier,
  JSON_QUERY(card, '$.error') AS error,
  card
FROM batches, UNNEST(score_leads(leads, '2026-11-23T00:00:00Z', NULL)) AS card;
