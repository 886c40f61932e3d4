/**
 * The verbatims dashboard (core/store/dashboard-verbatims.ts): each customer's commented detractor
 * and unsatisfied answers (`dash_verbatim`, one row per answer, and `dash_verbatim_theme`, one row
 * per answer and theme), replaced whole at every derive like the other `dash_*` shares, and the
 * counts per month, tool (and theme) that triggers keep, so the totals and the theme counts of a
 * period read a few rows per month. Pages find their keys in the `*_newest` indexes alone (each
 * covers its filter), however deep the offset.
 * Each trigger body is one statement ending `; END` on its line: migrate() splits at `;` + newline.
 */
export default `
CREATE TABLE dash_verbatim (
  customer_id TEXT NOT NULL, response_key TEXT NOT NULL,
  customer_name TEXT NOT NULL, source TEXT NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL,
  score REAL NOT NULL, scale_min REAL NOT NULL, scale_max REAL NOT NULL,
  comment TEXT NOT NULL, language TEXT, themes TEXT NOT NULL,
  PRIMARY KEY (customer_id, response_key)
) WITHOUT ROWID;
CREATE INDEX dash_verbatim_newest ON dash_verbatim (at DESC, customer_id, response_key);
CREATE INDEX dash_verbatim_source_newest ON dash_verbatim (source, at DESC, customer_id, response_key);
CREATE TABLE dash_verbatim_total (
  month TEXT NOT NULL, source TEXT NOT NULL, verbatims INTEGER NOT NULL,
  PRIMARY KEY (month, source)
) WITHOUT ROWID;
CREATE TRIGGER dash_verbatim_added AFTER INSERT ON dash_verbatim BEGIN
  INSERT INTO dash_verbatim_total VALUES (substr(NEW.at, 1, 7), NEW.source, 1) ON CONFLICT (month, source) DO UPDATE SET verbatims = verbatims + 1; END;
CREATE TRIGGER dash_verbatim_removed AFTER DELETE ON dash_verbatim BEGIN
  UPDATE dash_verbatim_total SET verbatims = verbatims - 1 WHERE month = substr(OLD.at, 1, 7) AND source = OLD.source; END;

CREATE TABLE dash_verbatim_theme (
  customer_id TEXT NOT NULL, response_key TEXT NOT NULL, theme TEXT NOT NULL,
  source TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (customer_id, response_key, theme)
) WITHOUT ROWID;
CREATE INDEX dash_verbatim_theme_newest ON dash_verbatim_theme (theme, at DESC, customer_id, response_key, source);
CREATE TABLE dash_verbatim_theme_total (
  month TEXT NOT NULL, source TEXT NOT NULL, theme TEXT NOT NULL, verbatims INTEGER NOT NULL,
  PRIMARY KEY (month, source, theme)
) WITHOUT ROWID;
CREATE TRIGGER dash_verbatim_theme_added AFTER INSERT ON dash_verbatim_theme BEGIN
  INSERT INTO dash_verbatim_theme_total VALUES (substr(NEW.at, 1, 7), NEW.source, NEW.theme, 1) ON CONFLICT (month, source, theme) DO UPDATE SET verbatims = verbatims + 1; END;
CREATE TRIGGER dash_verbatim_theme_removed AFTER DELETE ON dash_verbatim_theme BEGIN
  UPDATE dash_verbatim_theme_total SET verbatims = verbatims - 1 WHERE month = substr(OLD.at, 1, 7) AND source = OLD.source AND theme = OLD.theme; END;
`
