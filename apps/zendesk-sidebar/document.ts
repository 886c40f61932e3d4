/** The app's HTML page, shared by the ZAF asset (`assets/iframe.html`) and the worker's preview. */
export const ZAF_SDK_URL =
  'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js'

export interface DocumentParts {
  lang?: string
  title?: string
  css: string
  /** Markup before the app's mount point (the preview's toolbar). */
  before?: string
  /** Scripts in order: `{ src }` loads a file, `{ inline }` embeds code. */
  scripts: Array<{ src: string } | { inline: string }>
}

// `</script` inside inline code would end the element early.
const inlineSafe = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1')

export function sidebarDocument(parts: DocumentParts): string {
  const scripts = parts.scripts
    .map((s) =>
      'src' in s ? `<script src="${s.src}"></script>` : `<script>${inlineSafe(s.inline)}</script>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="${parts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title ?? 'cxlens'}</title>
<style>${parts.css}</style>
</head>
<body>
${parts.before ?? ''}<div id="app"></div>
${scripts}
</body>
</html>
`
}
