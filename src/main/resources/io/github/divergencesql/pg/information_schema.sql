-- information_schema as PostgreSQL 15 names it (its documentation, chapter 37), as views over the
-- catalog tables. The catalog database keeps them in schema pg_info (H2 has its own
-- INFORMATION_SCHEMA); PgCatalog's translation reads information_schema as pg_info.
CREATE TABLE pg_info."_ordinals"(x INT PRIMARY KEY);
INSERT INTO pg_info."_ordinals" VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12),
  (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29),
  (30), (31), (32);
CREATE VIEW pg_info.schemata AS SELECT current_database() AS catalog_name, nspname AS schema_name,
  pg_get_userbyid(nspowner) AS schema_owner, CAST(NULL AS VARCHAR) AS default_character_set_catalog,
  CAST(NULL AS VARCHAR) AS default_character_set_schema, CAST(NULL AS VARCHAR) AS default_character_set_name,
  CAST(NULL AS VARCHAR) AS sql_path FROM pg_catalog.pg_namespace;
CREATE VIEW pg_info.tables AS SELECT current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name,
  CASE WHEN n.nspname IN ('pg_catalog', 'information_schema') AND c.relkind = 'r' THEN 'SYSTEM TABLE'
       WHEN c.relkind = 'r' THEN 'BASE TABLE' WHEN c.relkind = 'v' THEN 'VIEW'
       WHEN c.relkind = 'f' THEN 'FOREIGN' ELSE 'LOCAL TEMPORARY' END AS table_type,
  CAST(NULL AS VARCHAR) AS self_referencing_column_name, CAST(NULL AS VARCHAR) AS reference_generation,
  CAST(NULL AS VARCHAR) AS user_defined_type_catalog, CAST(NULL AS VARCHAR) AS user_defined_type_schema,
  CAST(NULL AS VARCHAR) AS user_defined_type_name,
  CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_insertable_into, 'NO' AS is_typed,
  CAST(NULL AS VARCHAR) AS commit_action
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'f', 'p');
CREATE VIEW pg_info.views AS SELECT current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name, pg_get_viewdef(c.oid) AS view_definition, 'NONE' AS check_option,
  'NO' AS is_updatable, 'NO' AS is_insertable_into, 'NO' AS is_trigger_updatable,
  'NO' AS is_trigger_deletable, 'NO' AS is_trigger_insertable_into
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'v';
CREATE VIEW pg_info.columns AS SELECT current_database() AS table_catalog, n.nspname AS table_schema,
  c.relname AS table_name, a.attname AS column_name, CAST(a.attnum AS INT) AS ordinal_position,
  (SELECT d.adsrc FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) AS column_default,
  CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
  info_data_type(a.atttypid) AS data_type,
  CASE WHEN a.atttypid IN (1043, 1042) AND a.atttypmod >= 4 THEN a.atttypmod - 4 END AS character_maximum_length,
  CASE WHEN a.atttypid IN (1043, 1042) AND a.atttypmod >= 4 THEN 4 * (a.atttypmod - 4)
       WHEN a.atttypid IN (25, 1043, 1042) THEN 1073741824 END AS character_octet_length,
  CASE a.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64 WHEN 700 THEN 24 WHEN 701 THEN 53
       WHEN 1700 THEN CASE WHEN a.atttypmod >= 4 THEN (a.atttypmod - 4) / 65536 END END AS numeric_precision,
  CASE WHEN a.atttypid IN (21, 23, 20, 700, 701) THEN 2 WHEN a.atttypid = 1700 THEN 10 END AS numeric_precision_radix,
  CASE WHEN a.atttypid IN (21, 23, 20) THEN 0
       WHEN a.atttypid = 1700 AND a.atttypmod >= 4 THEN MOD(a.atttypmod - 4, 65536) END AS numeric_scale,
  CASE WHEN a.atttypid = 1082 THEN 0 WHEN a.atttypid IN (1083, 1114, 1184, 1266)
       THEN CASE WHEN a.atttypmod >= 0 THEN a.atttypmod ELSE 6 END END AS datetime_precision,
  CAST(NULL AS VARCHAR) AS interval_type, CAST(NULL AS INT) AS interval_precision,
  CAST(NULL AS VARCHAR) AS character_set_catalog, CAST(NULL AS VARCHAR) AS character_set_schema,
  CAST(NULL AS VARCHAR) AS character_set_name, CAST(NULL AS VARCHAR) AS collation_catalog,
  CAST(NULL AS VARCHAR) AS collation_schema, CAST(NULL AS VARCHAR) AS collation_name,
  CAST(NULL AS VARCHAR) AS domain_catalog, CAST(NULL AS VARCHAR) AS domain_schema, CAST(NULL AS VARCHAR) AS domain_name,
  current_database() AS udt_catalog, 'pg_catalog' AS udt_schema, t.typname AS udt_name,
  CAST(NULL AS VARCHAR) AS scope_catalog, CAST(NULL AS VARCHAR) AS scope_schema, CAST(NULL AS VARCHAR) AS scope_name,
  CAST(NULL AS INT) AS maximum_cardinality, CAST(a.attnum AS VARCHAR) AS dtd_identifier,
  'NO' AS is_self_referencing, 'NO' AS is_identity, CAST(NULL AS VARCHAR) AS identity_generation,
  CAST(NULL AS VARCHAR) AS identity_start, CAST(NULL AS VARCHAR) AS identity_increment,
  CAST(NULL AS VARCHAR) AS identity_maximum, CAST(NULL AS VARCHAR) AS identity_minimum,
  'NO' AS identity_cycle, 'NEVER' AS is_generated, CAST(NULL AS VARCHAR) AS generation_expression,
  CASE WHEN c.relkind = 'r' THEN 'YES' ELSE 'NO' END AS is_updatable
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'f', 'p', 'm');
CREATE VIEW pg_info.table_constraints AS SELECT current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name, current_database() AS table_catalog,
  n.nspname AS table_schema, c.relname AS table_name,
  CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'u' THEN 'UNIQUE'
       WHEN 'c' THEN 'CHECK' END AS constraint_type,
  'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced, CAST(NULL AS VARCHAR) AS nulls_distinct
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace;
CREATE VIEW pg_info.key_column_usage AS SELECT current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name, current_database() AS table_catalog,
  n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name,
  CAST(e.x AS INT) AS ordinal_position,
  CASE WHEN k.contype = 'f' THEN CAST(e.x AS INT) END AS position_in_unique_constraint
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_info."_ordinals" e ON e.x <= CARDINALITY(k.conkey)
  JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[e.x]
  WHERE k.contype IN ('p', 'u', 'f');
CREATE VIEW pg_info.constraint_column_usage AS SELECT current_database() AS table_catalog,
  n.nspname AS table_schema, c.relname AS table_name, a.attname AS column_name,
  current_database() AS constraint_catalog, kn.nspname AS constraint_schema, k.conname AS constraint_name
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class c ON c.oid = CASE WHEN k.contype = 'f' THEN k.confrelid ELSE k.conrelid END
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_namespace kn ON kn.oid = k.connamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
   AND ARRAY_CONTAINS(CASE WHEN k.contype = 'f' THEN k.confkey ELSE k.conkey END, a.attnum);
CREATE VIEW pg_info.referential_constraints AS SELECT current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name,
  current_database() AS unique_constraint_catalog, un.nspname AS unique_constraint_schema,
  u.conname AS unique_constraint_name, 'NONE' AS match_option,
  CASE k.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
       WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END AS update_rule,
  CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
       WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END AS delete_rule
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace
  LEFT JOIN pg_catalog.pg_constraint u ON u.conrelid = k.confrelid AND u.contype IN ('p', 'u')
   AND u.conkey = k.confkey
  LEFT JOIN pg_catalog.pg_namespace un ON un.oid = u.connamespace
  WHERE k.contype = 'f';
CREATE VIEW pg_info.routines AS SELECT current_database() AS specific_catalog, n.nspname AS specific_schema,
  p.proname || '_' || p.oid AS specific_name, current_database() AS routine_catalog, n.nspname AS routine_schema,
  p.proname AS routine_name, 'FUNCTION' AS routine_type, info_data_type(p.prorettype) AS data_type,
  'EXTERNAL' AS routine_body, CAST(NULL AS VARCHAR) AS routine_definition, 'JAVA' AS external_language,
  'GENERAL' AS parameter_style, 'YES' AS is_deterministic, 'READS' AS sql_data_access,
  'NO' AS is_null_call, 'NO' AS is_user_defined_cast
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace;
CREATE VIEW pg_info.parameters AS SELECT current_database() AS specific_catalog, n.nspname AS specific_schema,
  p.proname || '_' || p.oid AS specific_name, CAST(e.x AS INT) AS ordinal_position, 'IN' AS parameter_mode,
  'NO' AS is_result, 'NO' AS as_locator, p.proargnames[e.x] AS parameter_name,
  info_data_type(CAST(SPLIT_PART(p.proargtypes, ' ', e.x) AS INT)) AS data_type,
  CAST(NULL AS VARCHAR) AS parameter_default
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_info."_ordinals" e ON e.x <= p.pronargs;
CREATE VIEW pg_info.table_privileges AS SELECT CAST(NULL AS VARCHAR) AS grantor, CURRENT_USER AS grantee,
  current_database() AS table_catalog, n.nspname AS table_schema, c.relname AS table_name,
  'SELECT' AS privilege_type, 'NO' AS is_grantable, 'YES' AS with_hierarchy
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'p');
CREATE VIEW pg_info.character_sets AS SELECT CAST(NULL AS VARCHAR) AS character_set_catalog,
  CAST(NULL AS VARCHAR) AS character_set_schema, 'UTF8' AS character_set_name,
  'UCS' AS character_repertoire, 'UTF8' AS form_of_use, current_database() AS default_collate_catalog,
  'pg_catalog' AS default_collate_schema, 'C' AS default_collate_name;
CREATE VIEW pg_info.sequences AS SELECT current_database() AS sequence_catalog, n.nspname AS sequence_schema,
  c.relname AS sequence_name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'S';
CREATE VIEW pg_info.check_constraints AS SELECT current_database() AS constraint_catalog,
  n.nspname AS constraint_schema, k.conname AS constraint_name, k.consrc AS check_clause
  FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace WHERE k.contype = 'c';
CREATE VIEW pg_info.triggers AS SELECT CAST(NULL AS VARCHAR) AS trigger_catalog, CAST(NULL AS VARCHAR) AS trigger_schema,
  CAST(NULL AS VARCHAR) AS trigger_name, CAST(NULL AS VARCHAR) AS event_object_schema,
  CAST(NULL AS VARCHAR) AS event_object_table FROM pg_catalog.pg_trigger WHERE FALSE;
CREATE VIEW pg_info.enabled_roles AS SELECT rolname AS role_name FROM pg_catalog.pg_authid;
CREATE VIEW pg_info.applicable_roles AS SELECT rolname AS grantee, rolname AS role_name, 'NO' AS is_grantable
  FROM pg_catalog.pg_authid WHERE FALSE;
