/**
 * CX dashboards, kept up to date as customers are derived (core/store/dashboards.ts): each
 * customer's share per month (`dash_*_month`, replaced whole at every derive) and the tenant's
 * totals per month (`dash_*_total`), which triggers move by exactly what a share adds or removes,
 * so a dashboard request reads a few rows per month instead of every view.
 * Each trigger body is one statement ending `; END` on its line: migrate() splits at `;` + newline.
 */
export default `
CREATE TABLE dash_nps_month (
  customer_id TEXT NOT NULL, month TEXT NOT NULL, source TEXT NOT NULL,
  promoters INTEGER NOT NULL, passives INTEGER NOT NULL, detractors INTEGER NOT NULL,
  PRIMARY KEY (customer_id, month, source)
) WITHOUT ROWID;
CREATE TABLE dash_nps_total (
  month TEXT NOT NULL, source TEXT NOT NULL,
  promoters INTEGER NOT NULL, passives INTEGER NOT NULL, detractors INTEGER NOT NULL,
  PRIMARY KEY (month, source)
) WITHOUT ROWID;
CREATE TRIGGER dash_nps_added AFTER INSERT ON dash_nps_month BEGIN
  INSERT INTO dash_nps_total VALUES (NEW.month, NEW.source, NEW.promoters, NEW.passives, NEW.detractors) ON CONFLICT (month, source) DO UPDATE SET promoters = promoters + excluded.promoters, passives = passives + excluded.passives, detractors = detractors + excluded.detractors; END;
CREATE TRIGGER dash_nps_removed AFTER DELETE ON dash_nps_month BEGIN
  UPDATE dash_nps_total SET promoters = promoters - OLD.promoters, passives = passives - OLD.passives, detractors = detractors - OLD.detractors WHERE month = OLD.month AND source = OLD.source; END;

CREATE TABLE dash_csat_month (
  customer_id TEXT NOT NULL, month TEXT NOT NULL, source TEXT NOT NULL,
  satisfied INTEGER NOT NULL, neutral INTEGER NOT NULL, unsatisfied INTEGER NOT NULL,
  normalised_sum REAL NOT NULL,
  PRIMARY KEY (customer_id, month, source)
) WITHOUT ROWID;
CREATE TABLE dash_csat_total (
  month TEXT NOT NULL, source TEXT NOT NULL,
  satisfied INTEGER NOT NULL, neutral INTEGER NOT NULL, unsatisfied INTEGER NOT NULL,
  normalised_sum REAL NOT NULL,
  PRIMARY KEY (month, source)
) WITHOUT ROWID;
CREATE TRIGGER dash_csat_added AFTER INSERT ON dash_csat_month BEGIN
  INSERT INTO dash_csat_total VALUES (NEW.month, NEW.source, NEW.satisfied, NEW.neutral, NEW.unsatisfied, NEW.normalised_sum) ON CONFLICT (month, source) DO UPDATE SET satisfied = satisfied + excluded.satisfied, neutral = neutral + excluded.neutral, unsatisfied = unsatisfied + excluded.unsatisfied, normalised_sum = normalised_sum + excluded.normalised_sum; END;
CREATE TRIGGER dash_csat_removed AFTER DELETE ON dash_csat_month BEGIN
  UPDATE dash_csat_total SET satisfied = satisfied - OLD.satisfied, neutral = neutral - OLD.neutral, unsatisfied = unsatisfied - OLD.unsatisfied, normalised_sum = normalised_sum - OLD.normalised_sum WHERE month = OLD.month AND source = OLD.source; END;

CREATE TABLE dash_ces_month (
  customer_id TEXT NOT NULL, month TEXT NOT NULL, source TEXT NOT NULL,
  satisfied INTEGER NOT NULL, neutral INTEGER NOT NULL, unsatisfied INTEGER NOT NULL,
  normalised_sum REAL NOT NULL,
  PRIMARY KEY (customer_id, month, source)
) WITHOUT ROWID;
CREATE TABLE dash_ces_total (
  month TEXT NOT NULL, source TEXT NOT NULL,
  satisfied INTEGER NOT NULL, neutral INTEGER NOT NULL, unsatisfied INTEGER NOT NULL,
  normalised_sum REAL NOT NULL,
  PRIMARY KEY (month, source)
) WITHOUT ROWID;
CREATE TRIGGER dash_ces_added AFTER INSERT ON dash_ces_month BEGIN
  INSERT INTO dash_ces_total VALUES (NEW.month, NEW.source, NEW.satisfied, NEW.neutral, NEW.unsatisfied, NEW.normalised_sum) ON CONFLICT (month, source) DO UPDATE SET satisfied = satisfied + excluded.satisfied, neutral = neutral + excluded.neutral, unsatisfied = unsatisfied + excluded.unsatisfied, normalised_sum = normalised_sum + excluded.normalised_sum; END;
CREATE TRIGGER dash_ces_removed AFTER DELETE ON dash_ces_month BEGIN
  UPDATE dash_ces_total SET satisfied = satisfied - OLD.satisfied, neutral = neutral - OLD.neutral, unsatisfied = unsatisfied - OLD.unsatisfied, normalised_sum = normalised_sum - OLD.normalised_sum WHERE month = OLD.month AND source = OLD.source; END;

CREATE TABLE dash_friction_month (
  customer_id TEXT NOT NULL, month TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL,
  points INTEGER NOT NULL, open INTEGER NOT NULL,
  PRIMARY KEY (customer_id, month, source, kind)
) WITHOUT ROWID;
CREATE TABLE dash_friction_total (
  month TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL,
  points INTEGER NOT NULL, open INTEGER NOT NULL,
  PRIMARY KEY (month, source, kind)
) WITHOUT ROWID;
CREATE TRIGGER dash_friction_added AFTER INSERT ON dash_friction_month BEGIN
  INSERT INTO dash_friction_total VALUES (NEW.month, NEW.source, NEW.kind, NEW.points, NEW.open) ON CONFLICT (month, source, kind) DO UPDATE SET points = points + excluded.points, open = open + excluded.open; END;
CREATE TRIGGER dash_friction_removed AFTER DELETE ON dash_friction_month BEGIN
  UPDATE dash_friction_total SET points = points - OLD.points, open = open - OLD.open WHERE month = OLD.month AND source = OLD.source AND kind = OLD.kind; END;

CREATE TABLE dash_worklist (
  customer_id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  risk TEXT NOT NULL,
  latest_detractor_at TEXT NOT NULL,
  source TEXT NOT NULL,
  score INTEGER NOT NULL,
  open_friction INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX dash_worklist_newest ON dash_worklist (latest_detractor_at DESC, customer_id);
`
