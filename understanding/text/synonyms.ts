/**
 * Vocabulary that lets a resident's words meet an article's words: concept
 * groups (the first word of a group is the concept), multiword phrases that
 * add a concept word, and Spanish words mapped to English concepts. All keys
 * are normalised text (lower case, no accents). Kept general on purpose: no
 * street names, no city names, nothing copied from evaluation questions.
 */

/** Each group's words count as the group's first word. */
export const CONCEPT_GROUPS: readonly (readonly string[])[] = [
  ['trash', 'garbage', 'rubbish', 'refuse', 'basura', 'trashcan'],
  ['alarm', 'detector', 'detectors', 'alarms'],
  ['rat', 'rats', 'rodent', 'rodents', 'mouse', 'mice', 'vermin', 'rata', 'ratas', 'raton', 'ratones'],
  ['car', 'cars', 'auto', 'autos', 'automobile', 'vehicle', 'vehicles', 'van', 'minivan', 'suv', 'sedan'],
  ['collect', 'collection', 'collected', 'collecting', 'collections', 'pickup', 'pickups', 'recoleccion'],
  ['bin', 'bins', 'container', 'containers', 'cart', 'carts', 'toter', 'tote', 'receptacle'],
  ['streetlight', 'streetlights', 'streetlamp', 'lamppost', 'lampposts', 'lightpole', 'luminaire'],
  ['graffiti', 'grafitti', 'grafiti', 'graffitti', 'vandalized', 'vandalised'],
  ['pothole', 'potholes', 'crater', 'craters'],
  ['sidewalk', 'sidewalks', 'footpath', 'walkway', 'pavement'],
  ['street', 'streets', 'road', 'roads', 'roadway', 'avenue'],
  ['branch', 'branches', 'limb', 'limbs'],
  ['ticket', 'tickets', 'citation', 'citations'],
  ['tow', 'towed', 'towing', 'impound', 'impounded', 'towd'],
  ['landlord', 'landlords', 'landlady', 'lessor'],
  ['tenant', 'tenants', 'renter', 'renters', 'lessee'],
  ['apartment', 'apartments', 'flat', 'unit', 'condo', 'duplex'],
  ['heat', 'heating', 'heater', 'heaters', 'furnace', 'boiler', 'radiator', 'radiators'],
  ['abandoned', 'derelict', 'inoperable'],
  ['dump', 'dumped', 'dumping', 'dumper', 'dumpers', 'discarded'],
  ['pile', 'piles', 'heap', 'heaps', 'mound', 'mounds'],
  ['debris', 'rubble'],
  [
    'furniture',
    'couch',
    'couches',
    'sofa',
    'sofas',
    'futon',
    'dresser',
    'recliner',
    'loveseat',
    'bulk',
    'bulky',
    'armchair',
    'armchairs',
    'table',
    'tables',
    'chair',
    'chairs',
    'desk',
    'desks',
    'cabinet',
    'cabinets',
    'bookcase',
    'bookshelf',
    'nightstand',
    'headboard',
    'bedframe',
    'ottoman',
  ],
  ['appliance', 'appliances', 'fridge', 'refrigerator', 'freezer', 'washer', 'dryer', 'stove', 'dishwasher'],
  [
    'electronics',
    'electronic',
    'computer',
    'computers',
    'tv',
    'tvs',
    'television',
    'televisions',
    'monitor',
    'laptop',
    'ewaste',
    'printer',
  ],
  ['hazardous', 'chemical', 'chemicals', 'toxic', 'pesticide', 'pesticides', 'solvent', 'solvents'],
  ['tire', 'tires', 'tyre', 'tyres'],
  ['noise', 'noisy', 'loud', 'music', 'party', 'parties', 'partying', 'stereo', 'speakers', 'subwoofer'],
  [
    'holiday',
    'holidays',
    'thanksgiving',
    'christmas',
    'xmas',
    'juneteenth',
    'memorial',
    'labor',
    'independence',
    'veterans',
    'columbus',
    'presidents',
    'mlk',
    'newyear',
  ],
  [
    'vote',
    'voting',
    'voter',
    'voters',
    'election',
    'elections',
    'ballot',
    'ballots',
    'poll',
    'polling',
    'polls',
  ],
  ['police', 'cop', 'cops', 'officer', 'officers', 'ppd', 'precinct'],
  ['business', 'shop', 'storefront', 'venture', 'company', 'llc', 'startup'],
  ['tax', 'taxes'],
  ['bill', 'bills', 'invoice', 'billing', 'billed'],
  ['snow', 'snowstorm', 'blizzard', 'snowfall', 'snowed'],
  ['shovel', 'shoveling', 'shovelling', 'shoveled', 'unshoveled'],
  ['plow', 'plowed', 'plowing', 'unplowed', 'plough', 'ploughed'],
  ['sweep', 'sweeper', 'sweepers', 'sweeping', 'streetsweeper'],
  ['status', 'update', 'updates', 'tracking'],
  ['house', 'home', 'houses', 'homes', 'residence', 'rowhome', 'rowhouse'],
  ['rent', 'rental', 'rentals', 'lease', 'leasing', 'renting', 'let'],
  ['repair', 'fix', 'fixed', 'fixing', 'repaired', 'mend'],
  ['broken', 'broke', 'busted', 'damaged', 'smashed'],
  ['heave', 'heaved', 'heaving', 'uproot', 'uprooted', 'buckled', 'buckling', 'upheaved'],
  ['overgrown', 'weeds', 'weed', 'jungle', 'vegetation', 'brush', 'overgrowth'],
  ['dog', 'dogs', 'puppy', 'puppies'],
  ['cat', 'cats', 'kitten', 'kittens'],
  ['dead', 'carcass', 'roadkill', 'deceased'],
  ['certificate', 'certificates', 'cert'],
  ['library', 'libraries', 'flp'],
  ['permit', 'permits', 'permission'],
  ['license', 'licenses', 'licence', 'licences', 'licensed', 'licensing'],
  ['building', 'structure', 'facade', 'cornice', 'parapet'],
  ['collapse', 'collapsing', 'collapsed', 'crumbling', 'caving'],
  ['volunteer', 'volunteers', 'ambassador', 'ambassadors', 'liaison', 'liaisons', 'steward'],
  ['phone', 'telephone', 'call', 'calling', 'dial', 'dialing', 'cell', 'cellphone', 'mobile'],
  ['recycling', 'recycle', 'recycled', 'recyclable', 'recyclables', 'reciclaje', 'reciclar'],
  ['mattress', 'mattresses', 'boxspring'],
  ['lot', 'lots', 'parcel'],
  ['vacant', 'empty', 'unoccupied', 'abandonado'],
  ['bridge', 'bridges', 'underpass', 'underpasses', 'overpass', 'overpasses', 'viaduct', 'trestle'],
  ['dark', 'darkness', 'unlit', 'darkened', 'pitch'],
  [
    'obscure',
    'obscures',
    'obscured',
    'obscuring',
    'obstruct',
    'obstructs',
    'obstructed',
    'obstructing',
    'hide',
    'hides',
    'hiding',
    'hidden',
  ],
];

/**
 * Multiword phrases that stand for one thing. Each is replaced by its concept
 * word before the words are split, so "traffic light" no longer counts as a
 * "light" (which would pull street-light answers) but as "trafficsignal".
 */
export const REPLACEMENTS: readonly (readonly [pattern: RegExp, concept: string])[] = [
  [/\bpot ?holes?\b/g, 'pothole'],
  [
    /\b(street|road|corner|alley|pole|lamp|sidewalk|walkway|path|park) ?(lights?|lamps?|lighting)\b/g,
    'streetlight',
  ],
  [/\blamp ?posts?\b|\blight ?poles?\b|\butility poles?\b|\bstreetlights?\b/g, 'streetlight'],
  [
    /\b(traffic|stop) ?(lights?|signals?)\b|\b(walk|crossing|pedestrian|crosswalk) (signals?|lights?|buttons?)\b/g,
    'trafficsignal',
  ],
  [/\b(red|green|yellow|amber|turn|arrow|flashing|blinking) (lights?|signals?|arrows?)\b/g, 'trafficsignal'],
  [/\b(stop|yield|one way|no parking|street name|speed limit) signs?\b/g, 'trafficsign'],
  [/\bpick(ed|ing|s)? ?up\b/g, 'pickup'],
  [/\b(trash|garbage|recycling|recycle|rubbish) cans?\b/g, 'trash bin'],
  [/\bbox ?springs?\b/g, 'mattress'],
  [/\bside ?walks?\b/g, 'sidewalk'],
  [/\b(sewer|storm|drain) ?(grates?|drains?|inlets?)\b|\bcatch ?basins?\b/g, 'sewergrate'],
  [/\byard (waste|debris|trimmings)\b|\bleaf bags?\b/g, 'yardwaste'],
  [/\bwalk ?ins?\b/g, 'walkin'],
  [/\btree ?(belt|strip|lawn)s?\b|\bcurb ?strips?\b|\bgrass strips?\b/g, 'curbstrip'],
  [
    /\bnew years?( day| eve)?\b|\bjuly (4|fourth)\b|\b(4th|fourth) of july\b|\bmartin luther king( jr)?( day)?\b/g,
    'holiday',
  ],
  [/\be ?waste\b/g, 'electronics'],
  // A dump truck is a truck (not dumping); blacktop is asphalt.
  [/\bdump ?trucks?\b/g, 'truck'],
  [/\bblack ?top\b/g, 'asphalt'],
  // A street light or pole named as a landmark ("up to the next street light", "near the pole")
  // says where the problem is, not what it is: it no longer counts as a street-light word.
  // So is a manhole cover as a size ("manhole sized pothole") or a place ("potholes around the manhole cover").
  [
    /\b(next to|near|by|beside|across from|past|behind|before|after|up to|as far as|and|on|around) (the |a |an |that |this )?(next |first |last )?(streetlight|pole|(light )?fixture|manhole( cover)?)s?\b/g,
    'landmark',
  ],
  [/\bmanhole( cover)?[ -]?sized?\b|\bsize of an? manhole( cover)?\b/g, 'large'],
  // Homophone: "a big whole in the road".
  [/\b(large|big|huge|deep|giant|massive) whole\b/g, '$1 hole'],
];

/**
 * Concept words the phrases below add for the state of a thing (missed, left
 * out, dark, without heat, in a holiday week) rather than the thing. A topic whose example
 * questions mostly carry one of them is about that state: "trash pickup day"
 * names the thing but no missed collection.
 */
export const STATE_CONCEPTS: readonly string[] = [
  'missed',
  'uncollected',
  'outage',
  'noheat',
  'cavein',
  'holiday',
];

/**
 * Phrases that add a concept word while keeping their own words, so a phrase
 * only ever adds evidence.
 */
export const PHRASES: readonly (readonly [pattern: RegExp, adds: string])[] = [
  [
    /\b(lights?|lamps?|bulbs?|fixtures?|lighting|streetlight|trafficsignal|signals?)( \w+){0,3} (out|dark|off|flicker\w*|blink\w*|burn\w*|dim|cycl\w*|not( \w+)? (work\w*|on|function\w*))\b/g,
    'outage',
  ],
  [/\bstuck on (red|green|yellow)\b/g, 'trafficsignal'],
  // Signals blink a colour, cycle, and get run; street lights go dark.
  [
    /\b(wait\w*|sitting|sat|stuck)( \w+){0,3} (to turn (left|right)|for the (light|signal|arrow|green))\b/g,
    'trafficsignal',
  ],
  [
    /\b(blink\w*|flash\w*) (yellow|orange|amber|red)\b|\b(light|signal) (cycles?|timing|sequence)\b|\brun(s|ning)? (the |a )?(red )?lights?\b/g,
    'trafficsignal',
  ],
  [
    /\b(not|never|no|havent|hasnt|hadnt|didnt|wasnt|werent|isnt|arent|wont)( \w+){0,3} (pickup|take|taken|took|collect\w*|empt\w*)\b(?! care)/g,
    'missed',
  ],
  [
    /\b(not|never) (come|came)\b|\bno (trash |garbage |recycling |recycle |rubbish )?(pickup|collection)\b/g,
    'missed',
  ],
  [/\bleft behind\b|\bskipped\b|\bmissed\b|\bno recogieron\b|\bno pasaron\b|\bno se llevaron\b/g, 'missed'],
  [
    /\b(dumped|discarded|dropped|thrown|tossed|piled)( \w+){0,2} (on|in|at|by|under|behind|near|along|next)\b/g,
    'dumped',
  ],
  [
    /\b(left|sitting|placed|put|sat)( \w+){0,3} (on|at|in front of)( the| our| my)? (sidewalk|curb|curbstrip|street|corner)\b|\b(has|have) been (here|there|sitting|left)\b|\bstill (there|here|sitting|out)\b/g,
    'uncollected',
  ],
  [/\b(the )?days? off\b|\bdia (festivo|feriado)\b/g, 'holiday'],
  [/\bspray ?paint\w*\b/g, 'graffiti'],
  // Graffiti slang: a wall or bus stop "got tagged" or "was bombed".
  [/\b(got|get|gets|was|were|been|is|are|be) (tagged|bombed)\b/g, 'graffiti'],
  [/\bsmoke (alarms?|detectors?)\b|\bdetectores? de humo\b|\balarmas? de humo\b/g, 'smokealarm'],
  [
    /\bno (heat|heating|hot water)\b|\b(heat|heater|heating|furnace|boiler) (is |has )?(not|broke|broken|out)\b/g,
    'noheat',
  ],
  [/\b(street|road) (sweep\w*|clean\w*)\b|\bclean(ing)? (the )?streets?\b/g, 'sweep'],
  [/\b(parking|traffic) (violations?|fines?)\b/g, 'ticket'],
  [/\bservice requests?\b|\b(tracking|reference|case|request|confirmation) (number|no|num)\b/g, 'status'],
  [/\b(washing machine|air conditioner|water heater|hot water heater)s?\b/g, 'appliance'],
  [/\b(real estate|property) tax\w*\b/g, 'propertytax'],
  [/\bbirth (certificate|record)s?\b|\bdeath (certificate|record)s?\b|\bvital records?\b/g, 'vitalrecord'],
  [
    /\bblock captains?\b|\bcommunity (leaders?|organizers?|groups?)\b|\bcivic (leaders?|associations?)\b/g,
    'liaison',
  ],
  [/\bcave ?ins?\b|\bsink ?holes?\b|\bmanhole( covers?)?\b/g, 'cavein'],
];
