/**
 * The characters each language is written with: CLDR's exemplar characters (main letters,
 * punctuation, number symbols), from the cldr-misc-full package, version 48.2.0, for the
 * languages listed here only (the full package is 29 MB; Intl does not expose exemplars).
 * Regenerate a language by copying its `exemplarCharacters`, `punctuation` and `numbers` sets
 * from cldr-misc-full/main/<tag>/characters.json, ranges and escapes expanded.
 * Unicode, Inc. data, under the Unicode License v3.
 */
export const CLDR_VERSION = '48.2.0';

export interface Exemplars {
  readonly letters: string;
  readonly punctuation: string;
  readonly numbers: string;
}

export const EXEMPLARS: Readonly<Record<string, Exemplars>> = {
  en: {
    letters: 'abcdefghijklmnopqrstuvwxyz',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  fr: {
    letters: 'aàâæbcçdeéèêëfghiîïjklmnoôœpqrstuùûüvwxyÿz',
    punctuation: '-‐‑–—,;:!?.…’"“”«»()[]§@*/&#†‡',
    numbers: ' -‑,.%‰+−012²3³456789ᵈᵉʳˢ',
  },
  de: {
    letters: 'aäbcdefghijklmnoöpqrsßtuüvwxyz',
    punctuation: '-‐‑–—,;:!?.…\'‘‚"“„«»()[]{}§@*/&#',
    numbers: '-‑,.%‰+−0123456789',
  },
  es: {
    letters: 'aábcdeéfghiíjklmnñoópqrstuúüvwxyz',
    punctuation: '-‐‑–—,;:!¡?¿.…\'‘’"“”«»()[]§@*/\\&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  pt: {
    letters: 'aáàâãbcçdeéêfghiíjklmnoóòôõpqrstuúvwxyz',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  it: {
    letters: 'aàbcdeéèfghiìjklmnoòpqrstuùvwxyz',
    punctuation: '-‑—,;:!?.…\'’"“”«»()[]{}@*/&#',
    numbers: '-‑,.%‰+−0123456789',
  },
  nl: {
    letters: 'aáäbcdeéëfghiíïj́klmnoóöpqrstuúüvwxyz',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  pl: {
    letters: 'aąbcćdeęfghijklłmnńoóprsśtuwyzźż',
    punctuation: '-‐‑–—,;:!?.…\'"”„«»()[]{}§@*/&#%†‡′″°~',
    numbers: ' -‑,%‰+0123456789',
  },
  ro: {
    letters: 'aăâbcdefghiîjklmnopqrsștțuvwxyz',
    punctuation: '-‐‑–—,;:!?.…\'‘"“”„«»()[]@*/',
    numbers: '-‑,.%‰+−0123456789',
  },
  tr: {
    letters: 'abcçdefgğhıiİjklmnoöprsştuüvyz',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  ru: {
    letters: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
    punctuation: '-‐‑–—,;:!?.…\'‘‚"“„«»()[]{}§@*/&#',
    numbers: ' -‑,%‰+0123456789',
  },
  uk: {
    letters: 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ',
    punctuation: '-‑–,;:!?.\'’"“„«»()[]{}§@*/\\№',
    numbers: ' -‑,%‰+0123456789',
  },
  el: {
    letters: 'αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ',
    punctuation: '-‐‑–—,;:!.…"«»()[]§@*/\\&',
    numbers: '-‑,.%‰+−0123456789',
  },
  vi: {
    letters: 'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  sw: { letters: 'abchdefgijklmnoprstuvwyz', punctuation: '-‑,;:!?.\'"()[]{}', numbers: '-‑,.%‰+−0123456789' },
  ha: { letters: 'abɓcdɗefghijkƙlmnorstuwyƴzʼ', punctuation: '-‑,;:!?.\'‘’"“”()[]{}′″', numbers: '-‑,.%‰+−0123456789' },
  so: {
    letters: 'bcdfghjklmnqrstwxy',
    punctuation: '-‐‑–—,;:!?.…\'‘’"“”()[]§@*/&#†‡′″',
    numbers: '-‑,.%‰+−0123456789',
  },
  ar: {
    letters: 'ًٌٍَُِّْٰءأؤإئاآبةتثجحخدذرزسشصضطظعغفقكلمنهوىي',
    punctuation: '-‐‑–—،؛:!؟.…\'"«»()[]',
    numbers: '؜‎-‑,٫٬.%٪‰؉+0٠1١2٢3٣4٤5٥6٦7٧8٨9٩',
  },
  fa: {
    letters: 'ًٌٍّٔآاءأؤئبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهةی',
    punctuation: '-‐‑،٫٬؛:!؟.…‹›«»()[]*/\\',
    numbers: '‎,٫٬.%٪‰؉+−0۰1۱2۲3۳4۴5۵6۶7۷8۸9۹',
  },
  ur: {
    letters: 'ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے',
    punctuation: '،؍٫٬؛:؟.۔()[]',
    numbers: '‎-‑,٫٬.%‰+0۰1۱2۲3۳4۴5۵6۶7۷8۸9۹',
  },
  he: { letters: 'אבגדהוזחטיכךלמםנןסעפףצץקרשת', punctuation: '-‐‑–—,;:!?.\'׳"״()[]/־', numbers: '‎-‑,.%‰+0123456789' },
  am: {
    letters:
      'ሀሁሂሃሄህሆለሉሊላሌልሎሏሐሑሒሓሔሕሖሗመሙሚማሜምሞሟሠሡሢሣሤሥሦሧረሩሪራሬርሮሯሰሱሲሳሴስሶሷሸሹሺሻሼሽሾሿቀቁቂቃቄቅቆቈቊቋቌቍበቡቢባቤብቦቧቨቩቪቫቬቭቮቯተቱቲታቴትቶቷቸቹቺቻቼችቾቿኀኁኂኃኄኅኆኈኊኋኌኍነኑኒናኔንኖኗኘኙኚኛኜኝኞኟአኡኢኣኤእኦኧከኩኪካኬክኮኰኲኳኴኵኸኹኺኻኼኽኾወዉዊዋዌውዎዐዑዒዓዔዕዖዘዙዚዛዜዝዞዟዠዡዢዣዤዥዦዧየዩዪያዬይዮደዱዲዳዴድዶዷጀጁጂጃጄጅጆጇገጉጊጋጌግጎጐጒጓጔጕጠጡጢጣጤጥጦጧጨጩጪጫጬጭጮጯጰጱጲጳጴጵጶጷጸጹጺጻጼጽጾጿፀፁፂፃፄፅፆፈፉፊፋፌፍፎፏፐፑፒፓፔፕፖፗ',
    punctuation: '‐–,፡፣፤፥፦!?.።‹›«»()[]',
    numbers: '-‑,.%‰+−0123456789',
  },
  ti: {
    letters:
      '፟ሀሁሂሃሄህሆለሉሊላሌልሎሏሐሑሒሓሔሕሖሗመሙሚማሜምሞሟሠሡሢሣሤሥሦሧረሩሪራሬርሮሯሰሱሲሳሴስሶሷሸሹሺሻሼሽሾሿቀቁቂቃቄቅቆቈቊቋቌቍቐቑቒቓቔቕቖቘቚቛቜቝበቡቢባቤብቦቧቨቩቪቫቬቭቮቯተቱቲታቴትቶቷቸቹቺቻቼችቾቿኀኁኂኃኄኅኆኈኊኋኌኍነኑኒናኔንኖኗኘኙኚኛኜኝኞኟአኡኢኣኤእኦኧከኩኪካኬክኮኰኲኳኴኵኸኹኺኻኼኽኾዀዂዃዄዅወዉዊዋዌውዎዐዑዒዓዔዕዖዘዙዚዛዜዝዞዟዠዡዢዣዤዥዦዧየዩዪያዬይዮደዱዲዳዴድዶዷጀጁጂጃጄጅጆጇገጉጊጋጌግጎጐጒጓጔጕጠጡጢጣጤጥጦጧጨጩጪጫጬጭጮጯጰጱጲጳጴጵጶጷጸጹጺጻጼጽጾጿፀፁፂፃፄፅፆፇፈፉፊፋፌፍፎፏፐፑፒፓፔፕፖፗ',
    punctuation: '-‐‑,;:!?.()[]{}',
    numbers: '-‑,.%‰+−0123456789',
  },
};
