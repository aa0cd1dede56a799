// Reads iCalendar files with ical.js and prints, per file, every VEVENT's UID and
// its DTSTART and DTEND as Unix seconds (null for an all-day date), with the zone
// ical.js resolved each time in. Times with a TZID use the VTIMEZONE of the file
// itself, registered as Thunderbird registers a calendar's own zones.
//
//   node read_events.mjs ICALJS_MODULE_PATH < files.json > events.json
//
// files.json: a JSON list of paths. events.json: a JSON list (one per file) of
// [uid, start, end, startZone, endZone, startDate, endDate].
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const ICAL = (await import(pathToFileURL(process.argv[2]).href)).default;
const files = JSON.parse(readFileSync(0, "utf8"));

function moment(time) {
  if (time.isDate) return [null, "date", time.toString()];
  return [time.toUnixTime(), time.zone ? time.zone.tzid : "floating", time.toString()];
}

const results = files.map((path) => {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const [start, startZone, startText] = moment(event.startDate);
    const [end, endZone, endText] = moment(event.endDate);
    return [event.uid, start, end, startZone, endZone, startText, endText];
  });
});
process.stdout.write(JSON.stringify(results));
