// The classroom's strings (www/classroom-i18n/LANG.json, which a translator edits), added to the
// page's tables when the classroom's code loads: they are not part of a first visit. Not under
// www/i18n: esbuild bundles every file there for i18n.js's dynamic import of ./i18n/NAME.json.

import { addStrings } from './i18n.js';
import en from './classroom-i18n/en.json' with { type: 'json' };
import zh from './classroom-i18n/zh.json' with { type: 'json' };

addStrings({ en, zh });
