import type { Texts } from './texts.ts';

/**
 * The check's findings: what each rule found, with the numbers as parameters. A finding is a sentence with nested
 * messages for the asset (`check.asset.*`), the place along the trench (`check.where.*`) and, for a crossing, the
 * levels (`check.crossing.levels-*`), so each part renders in the reader's language.
 */
export const nl = {
  'check.asset.cable': 'kabel {id} ({owner})',
  'check.asset.cable-lv': 'laagspanningskabel {id} ({owner})',
  'check.asset.cable-mv': 'middenspanningskabel {id} ({owner})',
  'check.asset.cable-hv': 'hoogspanningskabel {id} ({owner})',
  'check.asset.cable-telecom': 'telecomkabel {id} ({owner})',
  'check.asset.cable-lighting': 'kabel openbare verlichting {id} ({owner})',
  'check.asset.pipe': 'leiding {id} ({owner})',
  'check.asset.water-pipe': 'drinkwaterleiding {id} ({owner})',
  'check.asset.gas-lp-pipe': 'lagedruk-gasleiding {id} ({owner})',
  'check.asset.gas-hp-pipe': 'hogedruk-gasleiding {id} ({owner})',
  'check.asset.sewer': 'riool {id} ({owner})',
  'check.asset.sewer-gravity': 'vrijvervalriool {id} ({owner})',
  'check.asset.sewer-pressure': 'persriool {id} ({owner})',
  'check.asset.heat-pipe': 'warmteleiding {id} ({owner})',
  'check.asset.tree': 'boom {id} ({owner})',
  'check.asset.tree-protected': 'beschermde boom {id} ({owner})',
  'check.asset.heat-station': 'warmteoverdrachtstation {id} ({owner})',
  'check.asset.substation': 'transformatorstation {id} ({owner})',
  'check.asset.street': 'straatvak {id} ({owner})',
  'check.owner.unknown': 'onbekende eigenaar',
  'check.new.heat': 'warmte',
  'check.new.water': 'water',
  'check.new.gas': 'gas',
  'check.new.cables': 'kabels',
  'check.new.sewer': 'riool',
  'check.where.at': 'op {at_m:m1} langs het tracé',
  'check.where.between': 'tussen {from_m:f1} en {to_m:m1} langs het tracé',
  'check.where.footprint': 'bij het sleufvlak',
  'check.where.in-footprint': 'in het sleufvlak',
  'check.clearance.too-close':
    'De sleuf voor {kind} ligt op {measured_m:m} (rand tot rand) van {asset} {where}; {kind} ↔ {class} vraagt minstens {required_m:m}. Leg de sleuf {move_m:m} verder weg of spreek een afwijking af met {owner}.',
  'check.clearance.overlap':
    'De sleuf voor {kind} overlapt {asset} in bovenaanzicht over {overlap_m:m} {where}; {kind} ↔ {class} vraagt minstens {required_m:m}. Leg de sleuf {move_m:m} verder weg of spreek een afwijking af met {owner}.',
  'check.crossing.enough': 'De sleuf kruist {asset} {where} met {gap_m:m} verticale afstand ({levels}); dat is voldoende, maar graaf er handmatig omheen.',
  'check.crossing.too-small':
    'De sleuf kruist {asset} {where} met maar {gap_m:m} verticale afstand ({levels}); minstens {required_m:m} is vereist. Pas daar de diepteligging van de nieuwe leiding ({kind}) aan.',
  'check.crossing.overlap':
    'De sleuf kruist {asset} {where} zonder verticale afstand: ze overlappen {overlap_m:m} in diepte ({levels}); minstens {required_m:m} is vereist. Pas daar de diepteligging van de nieuwe leiding ({kind}) aan.',
  'check.crossing.unknown-depth':
    'De sleuf kruist {asset} {where}, waarvan de diepte niet is vastgelegd; met de aangenomen gronddekking van {cover_m:m} zou de verticale afstand {gap_m:m} zijn ({levels}). Stel de ligging vast met een proefsleuf voordat er gegraven wordt.',
  'check.crossing.levels-below': '{kind} gelegd op {top_m:m}–{bottom_m:m}, bestaand object eronder op {asset_top_m:m}–{asset_bottom_m:m}',
  'check.crossing.levels-above': '{kind} gelegd op {top_m:m}–{bottom_m:m}, bestaand object erboven op {asset_top_m:m}–{asset_bottom_m:m}',
  'check.crossing.angle':
    'De sleuf kruist {asset} {where} onder een hoek van {angle_deg:f0}°, minder dan {limit_deg}°: de leidingen liggen over {length_m:m} dicht bij elkaar. Kruis haakser.',
  'check.parallel.run':
    'De sleuf voor {kind} ligt over {length_m:m} binnen {within_m:m} van {asset} {where} (kortste afstand {closest_m:m}); parallelligging over meer dan {limit_m:m} vraagt instemming van de eigenaar ({rule_id}).',
  'check.station.cuts-in':
    'De sleuf snijdt in het grondvlak van {asset} {where}; het station heeft rondom {clearance_m:m} werkruimte nodig. Houd de sleuf buiten die ruimte of spreek toegang af met {owner}.',
  'check.station.too-close':
    'De sleuf komt tot {measured_m:m} van het grondvlak van {asset} {where}; het station heeft rondom {clearance_m:m} werkruimte nodig. Houd de sleuf buiten die ruimte of spreek toegang af met {owner}.',
  'check.tree.near-stem': 'De sleuf komt tot {distance_m:m} van de stam van {asset} {where}; de boomwortelzone is {radius_m:m} ({zone}). {advice}',
  'check.tree.in-recorded-zone': 'De sleuf komt in de vastgelegde boomwortelzone van {asset} {where}. {advice}',
  'check.tree.zone-crown': 'kroonprojectie {crown_m} m / 2 + {margin_m} m',
  'check.tree.zone-stem': 'stamdiameter {stem_cm} cm: {radius_m:m}',
  'check.tree.zone-assumed': 'kroon noch stam vastgelegd: {radius_m} m aangenomen',
  'check.tree.advice-protected': 'Graven is daar niet toegestaan: leg het tracé buiten de boomwortelzone.',
  'check.tree.advice-unprotected': 'Graaf handmatig of boor, met een bomeffectanalyse, of kies een ander tracé.',
  'check.abandoned': '{finding} Het object staat geregistreerd als buiten gebruik: stem met de eigenaar ({owner}) af of het wordt verwijderd of blijft liggen.',
  'check.cli.header': '{file}: {length_m:m1} getoetst aan {assets} objecten met {rule_set} {version}',
  'check.cli.summary': '{blocking} blokkerend, {warning} waarschuwing, {info} info; {tree_m:m1} binnen boomwortelzones',
  'check.cli.measured': 'gemeten {measured_m:f2} / vereist {required_m:f2} m',
  'check.cli.angle': 'hoek {angle_deg}°',
  'check.cli.assumed': 'aangenomen diepte',
  'check.cli.range': '{from_m:f1}–{to_m:m1}',
  'check.cli.footprint': 'sleufvlak',
};

export const en: Texts<typeof nl> = {
  'check.asset.cable': 'cable {id} ({owner})',
  'check.asset.cable-lv': 'LV power cable {id} ({owner})',
  'check.asset.cable-mv': 'MV power cable {id} ({owner})',
  'check.asset.cable-hv': 'HV power cable {id} ({owner})',
  'check.asset.cable-telecom': 'telecom cable {id} ({owner})',
  'check.asset.cable-lighting': 'lighting cable {id} ({owner})',
  'check.asset.pipe': 'pipe {id} ({owner})',
  'check.asset.water-pipe': 'drinking-water pipe {id} ({owner})',
  'check.asset.gas-lp-pipe': 'low-pressure gas pipe {id} ({owner})',
  'check.asset.gas-hp-pipe': 'high-pressure gas pipe {id} ({owner})',
  'check.asset.sewer': 'sewer {id} ({owner})',
  'check.asset.sewer-gravity': 'gravity sewer {id} ({owner})',
  'check.asset.sewer-pressure': 'pressure sewer {id} ({owner})',
  'check.asset.heat-pipe': 'heat pipe {id} ({owner})',
  'check.asset.tree': 'tree {id} ({owner})',
  'check.asset.tree-protected': 'protected tree {id} ({owner})',
  'check.asset.heat-station': 'heat distribution station {id} ({owner})',
  'check.asset.substation': 'electricity substation {id} ({owner})',
  'check.asset.street': 'street {id} ({owner})',
  'check.owner.unknown': 'unknown owner',
  'check.new.heat': 'heat',
  'check.new.water': 'water',
  'check.new.gas': 'gas',
  'check.new.cables': 'cables',
  'check.new.sewer': 'sewer',
  'check.where.at': 'at chainage {at_m:m1}',
  'check.where.between': 'between chainage {from_m:f1} and {to_m:m1}',
  'check.where.footprint': 'at the footprint',
  'check.where.in-footprint': 'in the footprint',
  'check.clearance.too-close':
    'The {kind} trench runs {measured_m:m} edge to edge from {asset} {where}; {kind} ↔ {class} needs at least {required_m:m}. Move the trench {move_m:m} further away or agree a deviation with {owner}.',
  'check.clearance.overlap':
    'The {kind} trench overlaps {asset} by {overlap_m:m} in plan {where}; {kind} ↔ {class} needs at least {required_m:m}. Move the trench {move_m:m} further away or agree a deviation with {owner}.',
  'check.crossing.enough': 'The trench crosses {asset} {where} with {gap_m:m} vertical gap ({levels}); enough, but dig by hand around it.',
  'check.crossing.too-small':
    'The trench crosses {asset} {where} with only {gap_m:m} vertical gap ({levels}); at least {required_m:m} is required. Change the depth of the {kind} line there.',
  'check.crossing.overlap':
    'The trench crosses {asset} {where} with no gap: they overlap {overlap_m:m} in depth ({levels}); at least {required_m:m} is required. Change the depth of the {kind} line there.',
  'check.crossing.unknown-depth':
    'The trench crosses {asset} {where}, whose depth is not recorded; with the assumed {cover_m:m} cover the gap would be {gap_m:m} ({levels}). Locate it by trial trench before digging.',
  'check.crossing.levels-below': '{kind} laid at {top_m:m}–{bottom_m:m}, asset below at {asset_top_m:m}–{asset_bottom_m:m}',
  'check.crossing.levels-above': '{kind} laid at {top_m:m}–{bottom_m:m}, asset above at {asset_top_m:m}–{asset_bottom_m:m}',
  'check.crossing.angle':
    'The trench crosses {asset} {where} at {angle_deg:f0}°, below {limit_deg}°: the lines stay close over {length_m:m}. Cross closer to square.',
  'check.parallel.run':
    "The {kind} trench runs within {within_m:m} of {asset} for {length_m:m} {where} (closest {closest_m:m}); runs longer than {limit_m:m} need the owner's agreement ({rule_id}).",
  'check.station.cuts-in':
    'The trench cuts into the footprint of {asset} {where}; the station needs {clearance_m:m} of working space around it. Keep the trench out of that space or agree access with {owner}.',
  'check.station.too-close':
    'The trench comes {measured_m:m} from the footprint of {asset} {where}; the station needs {clearance_m:m} of working space around it. Keep the trench out of that space or agree access with {owner}.',
  'check.tree.near-stem': 'The trench comes within {distance_m:m} of the stem of {asset} {where}; its root-protection zone is {radius_m:m} ({zone}). {advice}',
  'check.tree.in-recorded-zone': 'The trench enters the recorded root-protection zone of {asset} {where}. {advice}',
  'check.tree.zone-crown': 'crown {crown_m} m / 2 + {margin_m} m',
  'check.tree.zone-stem': 'stem {stem_cm} cm: {radius_m:m}',
  'check.tree.zone-assumed': 'neither crown nor stem recorded: {radius_m} m assumed',
  'check.tree.advice-protected': 'Digging there is not allowed: reroute the trench outside the zone.',
  'check.tree.advice-unprotected': 'Dig by hand or bore, with a tree-impact assessment, or reroute.',
  'check.abandoned': '{finding} The asset is recorded as abandoned: confirm with {owner} and remove or leave it.',
  'check.cli.header': '{file}: {length_m:m1} checked against {assets} assets with {rule_set} {version}',
  'check.cli.summary': '{blocking} blocking, {warning} warning, {info} info; {tree_m:m1} inside tree zones',
  'check.cli.measured': 'measured {measured_m:f2} / required {required_m:f2} m',
  'check.cli.angle': 'angle {angle_deg}°',
  'check.cli.assumed': 'assumed depth',
  'check.cli.range': '{from_m:f1}–{to_m:m1}',
  'check.cli.footprint': 'footprint',
};
