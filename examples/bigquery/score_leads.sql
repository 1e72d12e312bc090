-- Scores leads in BigQuery with the same engine as the CLI, Spark and the browser: a JavaScript UDF
-- whose library (dist/leadscore-udf.js, built by `make bigquery`) holds the engine's .wasm.
-- Upload the library to Cloud Storage and set its path below; `as_of` is always given.
CREATE TEMP FUNCTION score_leads(leads ARRAY<STRING>, as_of STRING, model STRING)
RETURNS ARRAY<STRING>
LANGUAGE js
OPTIONS (library = ["gs://YOUR_BUCKET/leadscore-udf.js"])
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
