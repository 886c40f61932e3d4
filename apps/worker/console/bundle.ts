// Built by `npm run build:console` (wrangler's [build] step, the workers tests' global setup) into
// dist/, which git ignores; wrangler's Text module rule bundles `*.txt` into the worker as strings.
import CONSOLE_CSS from './dist/console.css.txt'
import CONSOLE_JS from './dist/console.js.txt'

export { CONSOLE_CSS, CONSOLE_JS }
