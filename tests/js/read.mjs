// Reads an iCalendar file with Mozilla's ical.js and prints what it understood as JSON:
// node tests/js/read.mjs FILE  ->  {"parse_ms", "calendar": {...}, "events": [...]}
// Used by tests/test_feed_clients.py; parse_ms times ICAL.parse and reading every event.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const started = performance.now();
const root = new ICAL.Component(ICAL.parse(text));
const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
    url: vevent.getFirstPropertyValue("url"),
    sequence: vevent.getFirstPropertyValue("sequence"),
  };
});
const parse_ms = performance.now() - started;
const value = (name) => root.getFirstPropertyValue(name);
const calendar = {
  name: value("name"),
  "x-wr-calname": value("x-wr-calname"),
  "x-wr-caldesc": value("x-wr-caldesc"),
  description: value("description"),
  color: value("color"),
  "x-apple-calendar-color": value("x-apple-calendar-color"),
  source: value("source"),
  method: value("method"),
};
process.stdout.write(JSON.stringify({ parse_ms, calendar, events }));
