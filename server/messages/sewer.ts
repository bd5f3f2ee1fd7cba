import type { Texts } from './texts.ts';

/**
 * The municipality's own sewer data (SUF-RIB, GWSW-HydX): why a record was skipped, and the sewer replacements
 * suggested beside a heat route.
 */
export const nl = {
  'sewer.rib.too-few-fields': 'regel heeft {fields} velden, een {record}-record heeft er minstens {expected}',
  'sewer.rib.bad-coordinates': 'coördinaat {value} is geen x/y in RD New',
  'sewer.rib.no-id': 'record zonder referentie (strengreferentie of knooppuntreferentie)',
  'sewer.pipe.no-geometry': 'streng {id} heeft geen coördinaten voor beginknoop {from} of eindknoop {to}, ook niet bij een put',
  'sewer.pipe.zero-length': 'streng {id} begint en eindigt op hetzelfde punt',
  'sewer.observation.unknown-pipe': 'waarneming {code} hoort bij streng {pipe}, die niet in het bestand staat',
  'sewer.hydx.missing-file': '{file} ontbreekt in de HydX-set; een set heeft Knooppunt.csv en Verbinding.csv (en Profiel.csv)',
  'sewer.hydx.missing-column': 'kolom {column} ontbreekt in {file}',
  'sewer.hydx.unknown-node': 'verbinding {id} verwijst naar knooppunt {node}, dat niet in Knooppunt.csv staat',
  'sewer.hydx.not-a-pipe': 'verbinding {id} is van type {type} (geen leiding): {type} wordt niet als riool ingelezen',
  'sewer.hydx.unknown-profile': 'verbinding {id} verwijst naar profiel {profile}, dat niet in Profiel.csv staat; diameter onbekend',

  'sewer.due.condition': 'conditieklasse {class} (≥ {min}) door {observation}',
  'sewer.due.age': '{age} jaar oud (levensduur {life} jaar)',
  'sewer.due.planned': 'vervanging al gepland in {year} (binnen {years} jaar)',
  'sewer.suggestion.work-name': 'Rioolvervanging {street} (streng {pipe})',
  'sewer.coupling.opportunity': 'riool in {street} is aan vervanging toe ({why}): koppel de vervanging aan het warmtenet, {openings, plural, one {# opening} other {# openingen}} en {householdDays, plural, one {# huishoudendag} other {# huishoudendagen}} minder, met instemming van {parties}',
  'sewer.accept.not-suggested': 'streng {id} staat niet in de suggesties voor dit tracé',
  'sewer.accept.exists': 'voor streng {id} is al een rioolvervanging als werk vastgelegd ({work})',
  'sewer.route.not-approved': 'tracé {id} is nog niet goedgekeurd; koppelkansen volgen na goedkeuring',
  'sewer.work.not-heat': 'werk {id} is van type {type}; rioolkoppelkansen horen bij een warmtenetwerk',

  'ui.sewer.title': 'Riool aan vervanging toe',
  'ui.sewer.none': 'Geen riool aan vervanging toe langs dit tracé.',
  'ui.sewer.row': '{street}: {length} m, {age}, klasse {class}; {openings, plural, one {# opening} other {# openingen}} en {householdDays, plural, one {# huishoudendag} other {# huishoudendagen}} minder; instemming: {parties}',
  'ui.sewer.age-unknown': 'leeftijd onbekend',
  'ui.sewer.age': '{age} jaar',
  'ui.sewer.class-unknown': 'onbekend',
  'ui.sewer.accept': 'Als werk toevoegen',
  'ui.sewer.accepted': 'Toegevoegd als werk {work}',
} as const;

export const en: Texts<typeof nl> = {
  'sewer.rib.too-few-fields': 'line has {fields} fields, a {record} record has at least {expected}',
  'sewer.rib.bad-coordinates': 'coordinate {value} is not an x/y in RD New',
  'sewer.rib.no-id': 'record without a reference (pipe or node reference)',
  'sewer.pipe.no-geometry': 'pipe {id} has no coordinates for its start node {from} or end node {to}, not even at a manhole',
  'sewer.pipe.zero-length': 'pipe {id} starts and ends at the same point',
  'sewer.observation.unknown-pipe': 'observation {code} belongs to pipe {pipe}, which is not in the file',
  'sewer.hydx.missing-file': '{file} is missing from the HydX set; a set has Knooppunt.csv and Verbinding.csv (and Profiel.csv)',
  'sewer.hydx.missing-column': 'column {column} is missing from {file}',
  'sewer.hydx.unknown-node': 'connection {id} refers to node {node}, which is not in Knooppunt.csv',
  'sewer.hydx.not-a-pipe': 'connection {id} is of type {type} (not a pipe): {type} is not imported as a sewer',
  'sewer.hydx.unknown-profile': 'connection {id} refers to profile {profile}, which is not in Profiel.csv; diameter unknown',

  'sewer.due.condition': 'condition class {class} (≥ {min}) from {observation}',
  'sewer.due.age': '{age} years old (service life {life} years)',
  'sewer.due.planned': 'replacement already planned in {year} (within {years} years)',
  'sewer.suggestion.work-name': 'Sewer replacement {street} (pipe {pipe})',
  'sewer.coupling.opportunity': 'the sewer in {street} is due for replacement ({why}): couple its replacement to the heat network, {openings, plural, one {# opening} other {# openings}} and {householdDays, plural, one {# household-day} other {# household-days}} fewer, if {parties} agree',
  'sewer.accept.not-suggested': 'pipe {id} is not among the suggestions for this route',
  'sewer.accept.exists': 'a sewer replacement work already exists for pipe {id} ({work})',
  'sewer.route.not-approved': 'route {id} is not approved yet; coupling suggestions follow approval',
  'sewer.work.not-heat': 'work {id} is of type {type}; sewer coupling suggestions belong to a heat work',

  'ui.sewer.title': 'Sewer due for replacement',
  'ui.sewer.none': 'No sewer due for replacement along this route.',
  'ui.sewer.row': '{street}: {length} m, {age}, class {class}; {openings, plural, one {# opening} other {# openings}} and {householdDays, plural, one {# household-day} other {# household-days}} fewer; to agree: {parties}',
  'ui.sewer.age-unknown': 'age unknown',
  'ui.sewer.age': '{age} years',
  'ui.sewer.class-unknown': 'unknown',
  'ui.sewer.accept': 'Add as a work',
  'ui.sewer.accepted': 'Added as work {work}',
};
