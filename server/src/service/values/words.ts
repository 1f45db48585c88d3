/**
 * The words values are written with: month and weekday names in English and the common
 * European languages, number words, and time zone abbreviations. Written out rather than taken
 * from Intl, whose abbreviations differ between ICU versions and runtimes.
 */

/** Month names by month (1-12): full names and abbreviations, lower case, accents kept. */
const monthNamesByMonth: readonly (readonly string[])[] = [
  // English, German, French, Spanish, Italian, Dutch, Portuguese.
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'genn', 'gen', 'januari', 'janeiro'],
  ['february', 'feb', 'febr', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'febrero', 'febbraio', 'februari', 'fevereiro', 'fev'],
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mrz', 'mars', 'marzo', 'maart', 'mrt', 'março', 'marco'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'mei', 'maio'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'set', 'setembro'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro'],
];

export const monthOfName: ReadonlyMap<string, number> = new Map(
  monthNamesByMonth.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/** An alternation of every month name, longest first, for a regular expression. */
export const monthNamePattern = [...monthOfName.keys()].sort((a, b) => b.length - a.length).join('|');

export const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Number words up to twenty, and the words for once and twice. */
export const numberWords: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20],
  ['once', 1], ['twice', 2], ['thrice', 3], ['a dozen', 12], ['dozen', 12],
]);

export const numberWordPattern = [...numberWords.keys()].sort((a, b) => b.length - a.length).join('|');

/**
 * Offsets from UTC, in minutes, of the zone abbreviations people write after a time. Ambiguous
 * ones take their most common meaning (IST: India, CST: US Central); generic ones without a
 * daylight-saving flag (ET, PT) are left out, since their offset is not known.
 */
export const zoneOffsets: ReadonlyMap<string, number> = new Map([
  ['utc', 0], ['gmt', 0], ['z', 0], ['zulu', 0], ['wet', 0],
  ['west', 60], ['bst', 60], ['cet', 60], ['mez', 60],
  ['cest', 120], ['mesz', 120], ['eet', 120], ['sast', 120],
  ['eest', 180], ['msk', 180],
  ['gst', 240],
  ['pkt', 300],
  ['ist', 330],
  ['ict', 420], ['wib', 420],
  ['sgt', 480], ['hkt', 480], ['awst', 480], ['pht', 480],
  ['jst', 540], ['kst', 540],
  ['acst', 570], ['aest', 600], ['acdt', 630], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
  ['brt', -180], ['art', -180],
  ['edt', -240], ['ast', -240],
  ['est', -300], ['cdt', -300],
  ['cst', -360], ['mdt', -360],
  ['mst', -420], ['pdt', -420],
  ['pst', -480], ['akdt', -480],
  ['akst', -540], ['hst', -600],
]);

export const zoneNamePattern = [...zoneOffsets.keys()].sort((a, b) => b.length - a.length).join('|');
