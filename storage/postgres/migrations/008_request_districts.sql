-- Districts of a request's place (requests/types.ts Location.districts: {"council": "5",
-- "police": "6", "sanitation": "3B"}), from the geocoder. They live in the request's body;
-- this index serves the Open311 and staff list filters (council_district=5, ...), which
-- ask `body->'location'->'districts' @> '{"council": "5"}'`.
CREATE INDEX requests_districts ON requests USING gin ((body -> 'location' -> 'districts') jsonb_path_ops);
