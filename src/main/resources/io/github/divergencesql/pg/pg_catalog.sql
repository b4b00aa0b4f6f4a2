-- The catalog a PostgreSQL client reads, in PostgreSQL 15's layout (its documentation, chapter 53
-- "System Catalogs", and chapter 37 "The Information Schema"). PgCatalog fills the tables from the
-- served database's own metadata; the views derive from them as PostgreSQL's do. Array columns
-- are H2 arrays (1-based; PostgreSQL's int2vector and oidvector are 0-based: PgCatalog's
-- translation turns indkey[0] into indkey[1]).
CREATE TABLE pg_catalog.pg_namespace(tableoid INT INVISIBLE DEFAULT 2615, oid INT PRIMARY KEY, nspname VARCHAR, nspowner INT, nspacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_class(tableoid INT INVISIBLE DEFAULT 1259, oid INT PRIMARY KEY, relname VARCHAR, relnamespace INT, reltype INT,
  reloftype INT DEFAULT 0, relowner INT, relam INT DEFAULT 0, relfilenode INT DEFAULT 0,
  reltablespace INT DEFAULT 0, relpages INT DEFAULT 0, reltuples REAL DEFAULT -1,
  relallvisible INT DEFAULT 0, reltoastrelid INT DEFAULT 0, relhasindex BOOLEAN DEFAULT FALSE,
  relisshared BOOLEAN DEFAULT FALSE, relpersistence VARCHAR(1) DEFAULT 'p', relkind VARCHAR(1), relnatts SMALLINT,
  relchecks SMALLINT DEFAULT 0, relhasrules BOOLEAN DEFAULT FALSE, relhastriggers BOOLEAN DEFAULT FALSE,
  relhassubclass BOOLEAN DEFAULT FALSE, relrowsecurity BOOLEAN DEFAULT FALSE,
  relforcerowsecurity BOOLEAN DEFAULT FALSE, relispopulated BOOLEAN DEFAULT TRUE,
  relreplident VARCHAR(1) DEFAULT 'd', relispartition BOOLEAN DEFAULT FALSE, relrewrite INT DEFAULT 0,
  relfrozenxid INT DEFAULT 0, relminmxid INT DEFAULT 0, relacl VARCHAR ARRAY, reloptions VARCHAR ARRAY,
  relpartbound VARCHAR, relhasoids BOOLEAN DEFAULT FALSE);
CREATE TABLE pg_catalog.pg_attribute(tableoid INT INVISIBLE DEFAULT 1249, attrelid INT, attname VARCHAR, atttypid INT, attstattarget INT DEFAULT -1,
  attlen SMALLINT, attnum SMALLINT, attndims INT DEFAULT 0, attcacheoff INT DEFAULT -1, atttypmod INT,
  attbyval BOOLEAN, attalign VARCHAR(1) DEFAULT 'i', attstorage VARCHAR(1) DEFAULT 'p', attcompression VARCHAR(1) DEFAULT '',
  attnotnull BOOLEAN, atthasdef BOOLEAN, atthasmissing BOOLEAN DEFAULT FALSE, attidentity VARCHAR(1) DEFAULT '',
  attgenerated VARCHAR(1) DEFAULT '', attisdropped BOOLEAN DEFAULT FALSE, attislocal BOOLEAN DEFAULT TRUE,
  attinhcount INT DEFAULT 0, attcollation INT DEFAULT 0, attacl VARCHAR ARRAY, attoptions VARCHAR ARRAY,
  attfdwoptions VARCHAR ARRAY, attmissingval VARCHAR, PRIMARY KEY(attrelid, attnum));
CREATE TABLE pg_catalog.pg_type(tableoid INT INVISIBLE DEFAULT 1247, oid INT PRIMARY KEY, typname VARCHAR, typnamespace INT DEFAULT 11, typowner INT DEFAULT 10,
  typlen SMALLINT, typbyval BOOLEAN, typtype VARCHAR(1) DEFAULT 'b', typcategory VARCHAR(1), typispreferred BOOLEAN DEFAULT FALSE,
  typisdefined BOOLEAN DEFAULT TRUE, typdelim VARCHAR(1) DEFAULT ',', typrelid INT DEFAULT 0, typsubscript VARCHAR DEFAULT '-',
  typelem INT DEFAULT 0, typarray INT DEFAULT 0, typinput VARCHAR, typoutput VARCHAR, typreceive VARCHAR, typsend VARCHAR,
  typmodin VARCHAR DEFAULT '-', typmodout VARCHAR DEFAULT '-', typanalyze VARCHAR DEFAULT '-', typalign VARCHAR(1) DEFAULT 'i',
  typstorage VARCHAR(1) DEFAULT 'p', typnotnull BOOLEAN DEFAULT FALSE, typbasetype INT DEFAULT 0, typtypmod INT DEFAULT -1,
  typndims INT DEFAULT 0, typcollation INT DEFAULT 0, typdefaultbin VARCHAR, typdefault VARCHAR, typacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_proc(tableoid INT INVISIBLE DEFAULT 1255, oid INT PRIMARY KEY, proname VARCHAR, pronamespace INT, proowner INT DEFAULT 10,
  prolang INT DEFAULT 13, procost REAL DEFAULT 1, prorows REAL DEFAULT 0, provariadic INT DEFAULT 0,
  prosupport VARCHAR DEFAULT '-', prokind VARCHAR(1), prosecdef BOOLEAN DEFAULT FALSE, proleakproof BOOLEAN DEFAULT FALSE,
  proisstrict BOOLEAN DEFAULT FALSE, proretset BOOLEAN DEFAULT FALSE, provolatile VARCHAR(1) DEFAULT 'i',
  proparallel VARCHAR(1) DEFAULT 's', pronargs SMALLINT, pronargdefaults SMALLINT DEFAULT 0, prorettype INT,
  proargtypes VARCHAR, proallargtypes INT ARRAY, proargmodes VARCHAR ARRAY, proargnames VARCHAR ARRAY,
  proargdefaults VARCHAR, protrftypes INT ARRAY, prosrc VARCHAR, probin VARCHAR, prosqlbody VARCHAR,
  proconfig VARCHAR ARRAY, proacl VARCHAR ARRAY, proargtypesarr INT ARRAY);
CREATE TABLE pg_catalog.pg_aggregate(tableoid INT INVISIBLE DEFAULT 2600, aggfnoid INT PRIMARY KEY, aggkind VARCHAR(1) DEFAULT 'n', aggnumdirectargs SMALLINT DEFAULT 0,
  aggtransfn VARCHAR, aggfinalfn VARCHAR, aggcombinefn VARCHAR, aggtranstype INT DEFAULT 2281, agginitval VARCHAR);
CREATE TABLE pg_catalog.pg_index(tableoid INT INVISIBLE DEFAULT 2610, indexrelid INT PRIMARY KEY, indrelid INT, indnatts SMALLINT, indnkeyatts SMALLINT,
  indisunique BOOLEAN, indnullsnotdistinct BOOLEAN DEFAULT FALSE, indisprimary BOOLEAN, indisexclusion BOOLEAN DEFAULT FALSE,
  indimmediate BOOLEAN DEFAULT TRUE, indisclustered BOOLEAN DEFAULT FALSE, indisvalid BOOLEAN DEFAULT TRUE,
  indcheckxmin BOOLEAN DEFAULT FALSE, indisready BOOLEAN DEFAULT TRUE, indislive BOOLEAN DEFAULT TRUE,
  indisreplident BOOLEAN DEFAULT FALSE, indkey SMALLINT ARRAY, indcollation INT ARRAY, indclass INT ARRAY,
  indoption SMALLINT ARRAY, indexprs VARCHAR, indpred VARCHAR);
CREATE TABLE pg_catalog.pg_constraint(tableoid INT INVISIBLE DEFAULT 2606, oid INT PRIMARY KEY, conname VARCHAR, connamespace INT, contype VARCHAR(1),
  condeferrable BOOLEAN DEFAULT FALSE, condeferred BOOLEAN DEFAULT FALSE, convalidated BOOLEAN DEFAULT TRUE,
  conrelid INT, contypid INT DEFAULT 0, conindid INT DEFAULT 0, conparentid INT DEFAULT 0, confrelid INT DEFAULT 0,
  confupdtype VARCHAR(1) DEFAULT ' ', confdeltype VARCHAR(1) DEFAULT ' ', confmatchtype VARCHAR(1) DEFAULT ' ',
  conislocal BOOLEAN DEFAULT TRUE, coninhcount INT DEFAULT 0, connoinherit BOOLEAN DEFAULT TRUE,
  conkey SMALLINT ARRAY, confkey SMALLINT ARRAY, conpfeqop INT ARRAY, conppeqop INT ARRAY, conffeqop INT ARRAY,
  confdelsetcols SMALLINT ARRAY, conexclop INT ARRAY, conbin VARCHAR, consrc VARCHAR, condef VARCHAR);
CREATE TABLE pg_catalog.pg_depend(tableoid INT INVISIBLE DEFAULT 2608, classid INT, objid INT, objsubid INT, refclassid INT, refobjid INT, refobjsubid INT, deptype VARCHAR(1));
CREATE TABLE pg_catalog.pg_description(tableoid INT INVISIBLE DEFAULT 2609, objoid INT, classoid INT, objsubid INT, description VARCHAR);
CREATE TABLE pg_catalog.pg_shdescription(objoid INT, classoid INT, description VARCHAR);
CREATE TABLE pg_catalog.pg_attrdef(tableoid INT INVISIBLE DEFAULT 2604, oid INT PRIMARY KEY, adrelid INT, adnum SMALLINT, adbin VARCHAR, adsrc VARCHAR);
CREATE TABLE pg_catalog.pg_database(tableoid INT INVISIBLE DEFAULT 1262, oid INT PRIMARY KEY, datname VARCHAR, datdba INT DEFAULT 10, encoding INT DEFAULT 6,
  datlocprovider VARCHAR(1) DEFAULT 'c', datistemplate BOOLEAN DEFAULT FALSE, datallowconn BOOLEAN DEFAULT TRUE,
  datconnlimit INT DEFAULT -1, datfrozenxid INT DEFAULT 0, datminmxid INT DEFAULT 1, dattablespace INT DEFAULT 1663,
  datcollate VARCHAR DEFAULT 'C.UTF-8', datctype VARCHAR DEFAULT 'C.UTF-8', daticulocale VARCHAR,
  datcollversion VARCHAR, datacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_authid(tableoid INT INVISIBLE DEFAULT 1260, oid INT PRIMARY KEY, rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN DEFAULT TRUE,
  rolcreaterole BOOLEAN, rolcreatedb BOOLEAN, rolcanlogin BOOLEAN DEFAULT TRUE, rolreplication BOOLEAN DEFAULT FALSE,
  rolbypassrls BOOLEAN DEFAULT FALSE, rolconnlimit INT DEFAULT -1, rolpassword VARCHAR, rolvaliduntil TIMESTAMP WITH TIME ZONE);
CREATE VIEW pg_catalog.pg_roles AS SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
  rolreplication, rolconnlimit, '********' AS rolpassword, rolvaliduntil, rolbypassrls,
  CAST(NULL AS VARCHAR ARRAY) AS rolconfig, oid FROM pg_catalog.pg_authid;
CREATE VIEW pg_catalog.pg_user AS SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb,
  rolsuper AS usesuper, rolreplication AS userepl, rolbypassrls AS usebypassrls, '********' AS passwd,
  rolvaliduntil AS valuntil, CAST(NULL AS VARCHAR ARRAY) AS useconfig FROM pg_catalog.pg_authid WHERE rolcanlogin;
CREATE TABLE pg_catalog.pg_auth_members(oid INT, roleid INT, member INT, grantor INT, admin_option BOOLEAN);
CREATE TABLE pg_catalog.pg_settings(name VARCHAR PRIMARY KEY, setting VARCHAR, unit VARCHAR, category VARCHAR,
  short_desc VARCHAR, extra_desc VARCHAR, context VARCHAR, vartype VARCHAR, source VARCHAR, min_val VARCHAR,
  max_val VARCHAR, enumvals VARCHAR ARRAY, boot_val VARCHAR, reset_val VARCHAR, sourcefile VARCHAR,
  sourceline INT, pending_restart BOOLEAN DEFAULT FALSE);
CREATE TABLE pg_catalog.pg_enum(tableoid INT INVISIBLE DEFAULT 3501, oid INT, enumtypid INT, enumsortorder REAL, enumlabel VARCHAR);
CREATE TABLE pg_catalog.pg_collation(tableoid INT INVISIBLE DEFAULT 3456, oid INT PRIMARY KEY, collname VARCHAR, collnamespace INT, collowner INT,
  collprovider VARCHAR(1), collisdeterministic BOOLEAN, collencoding INT, collcollate VARCHAR, collctype VARCHAR,
  colliculocale VARCHAR, collversion VARCHAR);
CREATE TABLE pg_catalog.pg_am(tableoid INT INVISIBLE DEFAULT 2601, oid INT PRIMARY KEY, amname VARCHAR, amhandler VARCHAR, amtype VARCHAR(1));
CREATE TABLE pg_catalog.pg_tablespace(tableoid INT INVISIBLE DEFAULT 1213, oid INT PRIMARY KEY, spcname VARCHAR, spcowner INT, spcacl VARCHAR ARRAY, spcoptions VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_inherits(tableoid INT INVISIBLE DEFAULT 2611, inhrelid INT, inhparent INT, inhseqno INT, inhdetachpending BOOLEAN);
CREATE TABLE pg_catalog.pg_trigger(tableoid INT INVISIBLE DEFAULT 2620, oid INT, tgrelid INT, tgparentid INT, tgname VARCHAR, tgfoid INT, tgtype SMALLINT,
  tgenabled VARCHAR(1), tgisinternal BOOLEAN, tgconstrrelid INT, tgconstrindid INT, tgconstraint INT, tgdeferrable BOOLEAN,
  tginitdeferred BOOLEAN, tgnargs SMALLINT, tgattr SMALLINT ARRAY, tgargs VARCHAR, tgqual VARCHAR, tgoldtable VARCHAR, tgnewtable VARCHAR);
CREATE TABLE pg_catalog.pg_rewrite(tableoid INT INVISIBLE DEFAULT 2618, oid INT, rulename VARCHAR, ev_class INT, ev_type VARCHAR(1), ev_enabled VARCHAR(1),
  is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR);
CREATE TABLE pg_catalog.pg_sequence(tableoid INT INVISIBLE DEFAULT 2224, seqrelid INT, seqtypid INT, seqstart BIGINT, seqincrement BIGINT, seqmax BIGINT,
  seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN);
CREATE TABLE pg_catalog.pg_extension(tableoid INT INVISIBLE DEFAULT 3079, oid INT, extname VARCHAR, extowner INT, extnamespace INT, extrelocatable BOOLEAN,
  extversion VARCHAR, extconfig INT ARRAY, extcondition VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_language(tableoid INT INVISIBLE DEFAULT 2612, oid INT PRIMARY KEY, lanname VARCHAR, lanowner INT, lanispl BOOLEAN, lanpltrusted BOOLEAN,
  lanplcallfoid INT, laninline INT, lanvalidator INT, lanacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_operator(tableoid INT INVISIBLE DEFAULT 2617, oid INT, oprname VARCHAR, oprnamespace INT, oprowner INT, oprkind VARCHAR(1),
  oprcanmerge BOOLEAN, oprcanhash BOOLEAN, oprleft INT, oprright INT, oprresult INT, oprcom INT, oprnegate INT,
  oprcode VARCHAR, oprrest VARCHAR, oprjoin VARCHAR);
CREATE TABLE pg_catalog.pg_opclass(tableoid INT INVISIBLE DEFAULT 2616, oid INT, opcmethod INT, opcname VARCHAR, opcnamespace INT, opcowner INT,
  opcfamily INT, opcintype INT, opcdefault BOOLEAN, opckeytype INT);
CREATE TABLE pg_catalog.pg_cast(tableoid INT INVISIBLE DEFAULT 2605, oid INT, castsource INT, casttarget INT, castfunc INT, castcontext VARCHAR(1), castmethod VARCHAR(1));
CREATE TABLE pg_catalog.pg_foreign_table(ftrelid INT, ftserver INT, ftoptions VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_foreign_server(oid INT, srvname VARCHAR, srvowner INT, srvfdw INT, srvtype VARCHAR,
  srvversion VARCHAR, srvacl VARCHAR ARRAY, srvoptions VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_foreign_data_wrapper(oid INT, fdwname VARCHAR, fdwowner INT, fdwhandler INT,
  fdwvalidator INT, fdwacl VARCHAR ARRAY, fdwoptions VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_partitioned_table(partrelid INT, partstrat VARCHAR(1), partnatts SMALLINT, partdefid INT,
  partattrs SMALLINT ARRAY, partclass INT ARRAY, partcollation INT ARRAY, partexprs VARCHAR);
CREATE TABLE pg_catalog.pg_statistic_ext(oid INT, stxrelid INT, stxname VARCHAR, stxnamespace INT, stxowner INT,
  stxstattarget INT, stxkeys SMALLINT ARRAY, stxkind VARCHAR ARRAY, stxexprs VARCHAR);
CREATE TABLE pg_catalog.pg_policy(tableoid INT INVISIBLE DEFAULT 3256, oid INT, polname VARCHAR, polrelid INT, polcmd VARCHAR(1), polpermissive BOOLEAN,
  polroles INT ARRAY, polqual VARCHAR, polwithcheck VARCHAR);
CREATE TABLE pg_catalog.pg_publication(oid INT, pubname VARCHAR, pubowner INT, puballtables BOOLEAN, pubinsert BOOLEAN,
  pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN);
CREATE TABLE pg_catalog.pg_publication_rel(oid INT, prpubid INT, prrelid INT, prqual VARCHAR, prattrs SMALLINT ARRAY);
CREATE TABLE pg_catalog.pg_publication_namespace(oid INT, pnpubid INT, pnnspid INT);
CREATE TABLE pg_catalog.pg_event_trigger(oid INT, evtname VARCHAR, evtevent VARCHAR, evtowner INT, evtfoid INT,
  evtenabled VARCHAR(1), evttags VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_range(rngtypid INT, rngsubtype INT, rngmultitypid INT, rngcollation INT,
  rngsubopc INT, rngcanonical VARCHAR, rngsubdiff VARCHAR);
CREATE TABLE pg_catalog.pg_conversion(oid INT, conname VARCHAR, connamespace INT, conowner INT, conforencoding INT,
  contoencoding INT, conproc VARCHAR, condefault BOOLEAN);
CREATE TABLE pg_catalog.pg_default_acl(oid INT, defaclrole INT, defaclnamespace INT, defaclobjtype VARCHAR(1), defaclacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_init_privs(objoid INT, classoid INT, objsubid INT, privtype VARCHAR(1), initprivs VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_seclabel(objoid INT, classoid INT, objsubid INT, provider VARCHAR, label VARCHAR);
CREATE TABLE pg_catalog.pg_shseclabel(objoid INT, classoid INT, provider VARCHAR, label VARCHAR);
CREATE TABLE pg_catalog.pg_largeobject_metadata(oid INT, lomowner INT, lomacl VARCHAR ARRAY);
CREATE TABLE pg_catalog.pg_subscription(oid INT, subdbid INT, subname VARCHAR, subowner INT, subenabled BOOLEAN);
CREATE TABLE pg_catalog.pg_ts_config(oid INT, cfgname VARCHAR, cfgnamespace INT, cfgowner INT, cfgparser INT);
CREATE TABLE pg_catalog.pg_ts_dict(oid INT, dictname VARCHAR, dictnamespace INT, dictowner INT, dicttemplate INT, dictinitoption VARCHAR);
CREATE TABLE pg_catalog.pg_ts_parser(oid INT, prsname VARCHAR, prsnamespace INT);
CREATE TABLE pg_catalog.pg_ts_template(oid INT, tmplname VARCHAR, tmplnamespace INT);
CREATE TABLE pg_catalog.pg_transform(oid INT, trftype INT, trflang INT, trffromsql INT, trftosql INT);
CREATE TABLE pg_catalog.pg_opfamily(oid INT, opfmethod INT, opfname VARCHAR, opfnamespace INT, opfowner INT);
CREATE TABLE pg_catalog.pg_amop(oid INT, amopfamily INT, amoplefttype INT, amoprighttype INT, amopstrategy SMALLINT, amoppurpose VARCHAR(1), amopopr INT, amopmethod INT, amopsortfamily INT);
CREATE TABLE pg_catalog.pg_amproc(oid INT, amprocfamily INT, amproclefttype INT, amprocrighttype INT, amprocnum SMALLINT, amproc VARCHAR);
CREATE TABLE pg_catalog.pg_user_mapping(oid INT, umuser INT, umserver INT, umoptions VARCHAR ARRAY);
CREATE VIEW pg_catalog.pg_tables AS SELECT n.nspname AS schemaname, c.relname AS tablename,
  pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, CAST(NULL AS VARCHAR) AS tablespace,
  c.relhasindex AS hasindexes, c.relhasrules AS hasrules, c.relhastriggers AS hastriggers,
  c.relrowsecurity AS rowsecurity
  FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p');
CREATE VIEW pg_catalog.pg_views AS SELECT n.nspname AS schemaname, c.relname AS viewname,
  pg_catalog.pg_get_userbyid(c.relowner) AS viewowner, pg_catalog.pg_get_viewdef(c.oid) AS definition
  FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'v';
CREATE VIEW pg_catalog.pg_matviews AS SELECT n.nspname AS schemaname, c.relname AS matviewname,
  pg_catalog.pg_get_userbyid(c.relowner) AS matviewowner, CAST(NULL AS VARCHAR) AS tablespace,
  c.relhasindex AS hasindexes, c.relispopulated AS ispopulated, CAST(NULL AS VARCHAR) AS definition
  FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'm';
CREATE VIEW pg_catalog.pg_indexes AS SELECT n.nspname AS schemaname, c.relname AS tablename,
  i.relname AS indexname, CAST(NULL AS VARCHAR) AS tablespace, pg_catalog.pg_get_indexdef(i.oid) AS indexdef
  FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'p');
CREATE VIEW pg_catalog.pg_stat_user_tables AS SELECT c.oid AS relid, n.nspname AS schemaname, c.relname,
  CAST(0 AS BIGINT) AS seq_scan, CAST(0 AS BIGINT) AS seq_tup_read, CAST(0 AS BIGINT) AS idx_scan,
  CAST(0 AS BIGINT) AS idx_tup_fetch, CAST(0 AS BIGINT) AS n_tup_ins, CAST(0 AS BIGINT) AS n_tup_upd,
  CAST(0 AS BIGINT) AS n_tup_del, CAST(0 AS BIGINT) AS n_tup_hot_upd,
  CAST(GREATEST(c.reltuples, 0) AS BIGINT) AS n_live_tup, CAST(0 AS BIGINT) AS n_dead_tup,
  CAST(0 AS BIGINT) AS n_mod_since_analyze, CAST(0 AS BIGINT) AS n_ins_since_vacuum,
  CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_vacuum, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_autovacuum,
  CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_analyze, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS last_autoanalyze,
  CAST(0 AS BIGINT) AS vacuum_count, CAST(0 AS BIGINT) AS autovacuum_count, CAST(0 AS BIGINT) AS analyze_count,
  CAST(0 AS BIGINT) AS autoanalyze_count
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema');
CREATE VIEW pg_catalog.pg_stat_all_tables AS SELECT * FROM pg_catalog.pg_stat_user_tables;
CREATE VIEW pg_catalog.pg_statio_user_tables AS SELECT relid, schemaname, relname FROM pg_catalog.pg_stat_user_tables;
CREATE VIEW pg_catalog.pg_stat_activity AS SELECT 1 AS datid, CAST(NULL AS VARCHAR) AS datname, 0 AS pid,
  CAST(NULL AS VARCHAR) AS usename, CAST(NULL AS VARCHAR) AS application_name, CAST(NULL AS VARCHAR) AS state,
  CAST(NULL AS VARCHAR) AS query FROM pg_catalog.pg_am WHERE FALSE;
CREATE VIEW pg_catalog.pg_timezone_names AS SELECT 'UTC' AS name, 'UTC' AS abbrev,
  INTERVAL '0' SECOND AS utc_offset, FALSE AS is_dst;
